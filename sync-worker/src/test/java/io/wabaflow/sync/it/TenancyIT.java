package io.wabaflow.sync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.platform.db.TenantReads;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.sync.SyncScenario;
import io.wabaflow.sync.rebuild.ActiveGeneration;
import io.wabaflow.sync.rebuild.Generation;
import io.wabaflow.sync.rebuild.GenerationSchemas;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant reads its own numbers' projections and nothing of another tenant's: the read API answers another
 * tenant's number exactly like one that does not exist (404), lists only the caller's numbers, and keeps numbers no
 * tenant owns for operators; row-level security hides other tenants' rows even from a query without a tenant filter,
 * in the active generation and in one rebuilt from the topics. Keys: src/test/resources/application.properties.
 */
class TenancyIT extends SyncIntegrationBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration PROJECTED = Duration.ofSeconds(120);

	private static final String TENANT_A = "sync-it-a";

	private static final String TENANT_B = "sync-it-b";

	private static final String TENANT_A_KEY = "sync-it-tenant-a-key";

	private static final String TENANT_B_KEY = "sync-it-tenant-b-key";

	private static final String SEND_ONLY_KEY = "sync-it-send-only-key";

	private static final String OPERATOR_KEY = SyncHarness.API_KEY;

	private static final Principal A = new Principal("rls-a", TENANT_A, Set.of(Scope.READ));

	private static final Principal B = new Principal("rls-b", TENANT_B, Set.of(Scope.READ));

	private static final Principal OPERATOR = new Principal("rls-ops", null, Set.of(Scope.READ, Scope.ADMIN));

	@Autowired
	ActiveGeneration active;

	/** A number of each tenant and one no tenant owns, each with the whole story of SyncScenario. */
	private record Numbers(String ofA, String ofB, String unowned) {
	}

	private Numbers project() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Numbers numbers = new Numbers("pn-ten-a-" + suffix, "pn-ten-b-" + suffix, "pn-ten-none-" + suffix);
		List<SpecificRecord> events = new ArrayList<>();
		events.addAll(ownedBy(TENANT_A, SyncScenario.inOrder(numbers.ofA(), 2, 1_783_000_000L)));
		events.addAll(ownedBy(TENANT_B, SyncScenario.inOrder(numbers.ofB(), 2, 1_783_000_000L)));
		// webhooks of a number no onboarding registered: projected all the same, nothing is lost
		events.addAll(SyncScenario.inOrder(numbers.unowned(), 2, 1_783_000_000L).stream()
				.filter(event -> !(event instanceof PhoneNumberRegistration)).toList());
		sync.produce(events);
		sync.awaitActiveCaughtUp(PROJECTED);
		return numbers;
	}

	private static List<SpecificRecord> ownedBy(String tenant, List<SpecificRecord> story) {
		return story.stream().map(event -> event instanceof PhoneNumberRegistration registration
				? (SpecificRecord) PhoneNumberRegistration.newBuilder(registration).setTenantId(tenant).build()
				: event).toList();
	}

	@Test
	void aTenantReadsItsOwnNumbersAndGets404ForAnyOtherAsForOneThatDoesNotExist() {
		Numbers numbers = project();
		String conversationOfA = numbers.ofA() + ":" + SyncScenario.contact(numbers.ofA(), 0);
		List<String> pathsOfA = List.of("/api/v1/phone-numbers/" + numbers.ofA() + "/conversations",
				"/api/v1/phone-numbers/" + numbers.ofA() + "/contacts",
				"/api/v1/phone-numbers/" + numbers.ofA() + "/history-sync",
				"/api/v1/conversations/" + conversationOfA + "/messages");
		await().atMost(PROJECTED).until(() -> status(pathsOfA.get(0), TENANT_A_KEY) == 200);

		for (String path : pathsOfA) {
			assertThat(status(path, TENANT_A_KEY)).as("tenant a, " + path).isEqualTo(200);
			assertThat(status(path, OPERATOR_KEY)).as("operator, " + path).isEqualTo(200);
			Answer asB = get(path, TENANT_B_KEY);
			String missing = path.replace(numbers.ofA(), "pn-nobody-has");
			Answer unknown = get(missing, TENANT_B_KEY);
			assertThat(asB.status()).as("tenant b, " + path).isEqualTo(404);
			assertThat(unknown.status()).as("tenant b, " + missing).isEqualTo(404);
			// the same answer as for a number that does not exist, but for the id named
			assertThat(asB.body().replace(numbers.ofA(), "<pn>")).isEqualTo(unknown.body().replace("pn-nobody-has", "<pn>"));
			assertThat(asB.contentType()).startsWith("application/problem+json");
			assertThat(status(path, SEND_ONLY_KEY)).as("without scope read, " + path).isEqualTo(403);
			assertThat(status(path, null)).as("without a key, " + path).isEqualTo(401);
		}

		// the numbers no tenant owns: projected, for operators only
		String unowned = "/api/v1/phone-numbers/" + numbers.unowned() + "/conversations";
		assertThat(status(unowned, TENANT_A_KEY)).isEqualTo(404);
		JsonNode forOperator = JSON.readTree(get(unowned, OPERATOR_KEY).body());
		assertThat(forOperator.path("items").size()).isEqualTo(2);
	}

	@Test
	void thePhoneNumberListShowsTheCallersNumbersOnlyAndAnOperatorEveryOne() {
		Numbers numbers = project();

		List<String> ofA = listed(TENANT_A_KEY);
		List<String> ofB = listed(TENANT_B_KEY);
		List<String> all = listed(OPERATOR_KEY);

		assertThat(ofA).contains(numbers.ofA()).doesNotContain(numbers.ofB(), numbers.unowned());
		assertThat(ofB).contains(numbers.ofB()).doesNotContain(numbers.ofA(), numbers.unowned());
		assertThat(all).contains(numbers.ofA(), numbers.ofB());
		JsonNode first = JSON.readTree(get("/api/v1/phone-numbers", TENANT_A_KEY).body()).path("items").get(0);
		assertThat(first.path("tenant_id").asString()).isEqualTo(TENANT_A);
		assertThat(first.path("status").asString()).isEqualTo("active");
		assertThat(status("/api/v1/phone-numbers", SEND_ONLY_KEY)).isEqualTo(403);
	}

	@Test
	void underTenantASettingUnfilteredSelectsReturnNoneOfTenantBsRowsBeforeAndAfterARebuild() {
		Numbers numbers = project();
		Generation before = generations.active().orElseThrow();
		Map<String, Long> seenByABefore = assertOnlyOwnRows(before.schemaName(), numbers);

		Integer started = sync.http.post().uri("/admin/projections/rebuild")
				.exchange((request, response) -> response.getStatusCode().value());
		assertThat(started).isEqualTo(202);
		await().atMost(PROJECTED).until(() -> generations.active().map(g -> g.number() > before.number()).orElse(false));
		Generation after = sync.awaitActiveCaughtUp(PROJECTED);

		// the rebuilt generation gives every row the same tenant: A sees exactly what it saw, B still nothing of A's
		assertThat(assertOnlyOwnRows(after.schemaName(), numbers)).isEqualTo(seenByABefore);
		List<String> messagesOfA = activeRead(A, "SELECT DISTINCT phone_number_id FROM messages");
		assertThat(messagesOfA).contains(numbers.ofA()).doesNotContain(numbers.ofB(), numbers.unowned());

		// the reader only reads, whatever a read path might try
		assertThatThrownBy(() -> activeRead(A, "DELETE FROM messages RETURNING phone_number_id"))
				.hasMessageContaining("read-only");
	}

	/**
	 * In {@code schema}, as tenant A and then B: every projection table, selected without any WHERE, holds rows of
	 * that tenant's number only; an operator sees all three numbers. Returns A's row count per table.
	 */
	private Map<String, Long> assertOnlyOwnRows(String schema, Numbers numbers) {
		Map<String, Long> seenByA = new LinkedHashMap<>();
		for (String table : GenerationSchemas.TABLES) {
			// deliberately no WHERE: the forgotten tenant filter row-level security is there for
			List<String> forA = readIn(schema, A, "SELECT phone_number_id FROM " + table);
			List<String> forB = readIn(schema, B, "SELECT phone_number_id FROM " + table);
			List<String> forOperator = readIn(schema, OPERATOR, "SELECT DISTINCT phone_number_id FROM " + table);
			assertThat(forA).as("%s as tenant a", table).doesNotContain(numbers.ofB(), numbers.unowned());
			assertThat(forB).as("%s as tenant b", table).doesNotContain(numbers.ofA(), numbers.unowned());
			if (!table.equals("history_errors")) {
				assertThat(forA).as("%s as tenant a", table).contains(numbers.ofA());
				assertThat(forOperator).as("%s as operator", table).contains(numbers.ofA(), numbers.ofB());
			}
			if (!table.equals("history_errors") && !table.equals("phone_numbers")) {
				assertThat(forOperator).as("%s as operator", table).contains(numbers.unowned());
			}
			seenByA.put(table, forA.stream().filter(numbers.ofA()::equals).count());
		}
		return seenByA;
	}

	private List<String> readIn(String schema, Principal caller, String sql) {
		return jdbi.inTransaction(handle -> {
			handle.execute("SET LOCAL search_path TO " + schema);
			TenantReads.enter(handle, ActiveGeneration.READER_ROLE, caller);
			return handle.createQuery(sql).mapTo(String.class).list();
		});
	}

	private List<String> activeRead(Principal caller, String sql) {
		return active.read(caller, handle -> handle.createQuery(sql).mapTo(String.class).list());
	}

	/** Every page of the caller's numbers (small pages: the walk crosses several). */
	private List<String> listed(String key) {
		List<String> ids = new ArrayList<>();
		String cursor = null;
		do {
			Answer page = get("/api/v1/phone-numbers?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key);
			assertThat(page.status()).isEqualTo(200);
			JsonNode body = JSON.readTree(page.body());
			body.path("items").forEach(item -> ids.add(item.path("phone_number_id").asString()));
			cursor = body.path("next_cursor").isNull() || body.path("next_cursor").isMissingNode() ? null
					: body.path("next_cursor").asString();
		}
		while (cursor != null);
		assertThat(ids).as("pages neither repeat nor skip").doesNotHaveDuplicates().isSorted();
		return ids;
	}

	private record Answer(int status, String body, String contentType) {
	}

	private Answer get(String path, String key) {
		RestClient.RequestHeadersSpec<?> request = RestClient.create("http://localhost:" + port).get().uri(path);
		if (key != null) {
			request = request.header("Authorization", "Bearer " + key);
		}
		return request.exchange((req, response) -> new Answer(response.getStatusCode().value(),
				new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8),
				String.valueOf(response.getHeaders().getContentType())));
	}

	private int status(String path, String key) {
		return get(path, key).status();
	}
}
