package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.SendState;
import io.wabaflow.platform.db.TenantReads;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One tenant can neither send from nor read about another tenant's numbers: commands on Kafka are checked
 * against the registry's owner before anything else (and never reach the Graph API), the status API
 * answers another tenant's command id like an unknown one, and row-level security hides other tenants' rows
 * from the read path even for a query without a tenant filter. Keys: application-it.properties.
 */
class TenancyIT extends SenderScenario {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@Autowired
	TenantReads reads;

	@Test
	void aCommandOfAnotherTenantOrOfNoTenantIsRejectedWithATypedResultAndNeverSent() {
		TestNumber owned = cloudNumber(null);
		TestNumber other = cloudNumber(null); // its tenant has numbers of its own, just not `owned`
		String user = newUser();
		SendMessage wrongTenant = SendMessage.newBuilder(template(owned.phoneNumberId(), user))
				.setTenantId(other.tenant()).build();
		SendMessage noTenant = SendMessage.newBuilder(template(owned.phoneNumberId(), user)).setTenantId(null).build();
		SendMessage unknownNumber = SendMessage.newBuilder(template("999000222", user)).setTenantId(other.tenant())
				.build();

		send(wrongTenant, noTenant, unknownNumber);

		CommandResult wrong = result(wrongTenant);
		assertThat(wrong.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
		assertThat(wrong.getHttpStatus()).isEqualTo(404);
		assertThat(wrong.getErrorCode()).isEqualTo("UNKNOWN_NUMBER");
		assertThat(wrong.getTenantId()).isEqualTo(other.tenant());
		CommandResult unknown = result(unknownNumber);
		assertThat(unknown.getHttpStatus()).isEqualTo(404);
		assertThat(unknown.getErrorCode()).isEqualTo("UNKNOWN_NUMBER");
		// nothing tells the other tenant that the number exists: the same text but for the number named
		assertThat(wrong.getMessage().replace(owned.phoneNumberId(), "<number>"))
				.isEqualTo(unknown.getMessage().replace("999000222", "<number>"));
		assertThat(wrong.getDataJson()).isEqualTo(unknown.getDataJson());

		CommandResult none = result(noTenant);
		assertThat(none.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
		assertThat(none.getHttpStatus()).isEqualTo(400);
		assertThat(none.getErrorCode()).isEqualTo("TENANT_REQUIRED");
		assertThat(none.getTenantId()).isNull();

		assertThat(messageCalls(owned.phoneNumberId())).as("no Graph call for either").isEmpty();
		assertThat(accepted(owned.phoneNumberId())).isEmpty();

		// the number itself works: its owner's command is sent, and it is the only message the sandbox has
		SendMessage byOwner = template(owned.phoneNumberId(), user);
		send(byOwner);
		assertThat(result(byOwner).getOutcome()).isEqualTo(CommandOutcome.OK);
		assertThat(result(byOwner).getTenantId()).isEqualTo(owned.tenant());
		assertThat(accepted(owned.phoneNumberId())).hasSize(1);
		assertThat(messageCalls(owned.phoneNumberId())).hasSize(1);
		await().atMost(SETTLED).until(() -> tap().events(byOwner.getCommandId()).stream()
				.anyMatch(event -> event.getStatus() == OutboundStatus.SENT));
		// published after them on the same partition: the rejections put nothing into the number's message
		// stream, where the projections would show another tenant's content in the owner's conversations
		for (SendMessage rejected : List.of(wrongTenant, noTenant, unknownNumber)) {
			assertThat(tap().events(rejected.getCommandId())).isEmpty();
		}
	}

	@Test
	void anotherTenantsInactiveNumberIsUnknownNotInactive() {
		TestNumber owned = cloudNumber(null);
		TestNumber other = cloudNumber(null);
		register(owned.phoneNumberId(), owned.wabaId(), owned.tenant(), NumberType.CLOUD, NumberStatus.DISCONNECTED,
				null, SCENARIO.businessToken(owned.businessId()));
		SendMessage wrongTenant = SendMessage.newBuilder(template(owned.phoneNumberId(), newUser()))
				.setTenantId(other.tenant()).build();
		SendMessage byOwner = template(owned.phoneNumberId(), newUser());

		send(wrongTenant, byOwner);

		// the owner learns its number is inactive; the other tenant learns nothing about it
		assertThat(result(wrongTenant).getErrorCode()).isEqualTo("UNKNOWN_NUMBER");
		assertThat(result(byOwner).getErrorCode()).isEqualTo("NUMBER_DISCONNECTED");
		assertThat(messageCalls(owned.phoneNumberId())).isEmpty();
	}

	@Test
	void aCommandIdAnotherTenantAlreadyUsedIsNeitherSentNorAnsweredWithTheOtherTenantsOutcome() {
		TestNumber owned = cloudNumber(null);
		TestNumber other = cloudNumber(null);
		SendMessage first = template(owned.phoneNumberId(), newUser());
		send(first);
		awaitState(first.getCommandId(), SendState.SENT);
		await().atMost(SETTLED).until(() -> tap().results(first.getCommandId()).size() == 1);

		SendMessage sameIdOtherTenant = SendMessage.newBuilder(template(other.phoneNumberId(), newUser()))
				.setCommandId(first.getCommandId()).build();
		// behind it on the same partition (same key): once this one is answered, the duplicate was handled
		SendMessage marker = SendMessage.newBuilder(template(owned.phoneNumberId(), newUser()))
				.setTenantId(other.tenant()).build();
		produceAll(List.of(
				new org.apache.kafka.clients.producer.ProducerRecord<>(io.wabaflow.schemas.Topics.SEND_COMMANDS.name(),
						owned.phoneNumberId(), sameIdOtherTenant),
				new org.apache.kafka.clients.producer.ProducerRecord<>(io.wabaflow.schemas.Topics.SEND_COMMANDS.name(),
						owned.phoneNumberId(), marker)));
		assertThat(result(marker).getErrorCode()).isEqualTo("UNKNOWN_NUMBER");

		assertThat(tap().results(first.getCommandId())).as("the first tenant's outcome was not published again")
				.hasSize(1).allSatisfy(r -> assertThat(r.getTenantId()).isEqualTo(owned.tenant()));
		assertThat(accepted(other.phoneNumberId())).isEmpty();
		assertThat(store.find(first.getCommandId()).orElseThrow().tenantId()).isEqualTo(owned.tenant());
	}

	@Test
	void theStatusApiAnswersOnlyTheCommandsTenantAndAnOperator() throws Exception {
		TestNumber numberOfA = cloudNumber(null, TENANT_A);
		SendMessage command = template(numberOfA.phoneNumberId(), newUser());
		SendMessage noTenant = SendMessage.newBuilder(template(numberOfA.phoneNumberId(), newUser())).setTenantId(null)
				.build();
		send(command, noTenant);
		awaitState(command.getCommandId(), SendState.SENT);
		awaitState(noTenant.getCommandId(), SendState.REJECTED);
		String path = "/api/v1/messages/" + command.getCommandId();
		// the seed keys are on the key topic before the context starts serving; still, never assume
		await().atMost(SETTLED).until(() -> get(path, TENANT_A_KEY).statusCode() == 200);

		HttpResponse<String> asA = get(path, TENANT_A_KEY);
		assertThat(JSON.readTree(asA.body()).path("state").asString()).isEqualTo("sent");
		assertThat(JSON.readTree(asA.body()).path("command_id").asString()).isEqualTo(command.getCommandId());

		HttpResponse<String> asB = get(path, TENANT_B_KEY);
		HttpResponse<String> unknown = get("/api/v1/messages/cmd-nobody-sent-this", TENANT_B_KEY);
		assertThat(asB.statusCode()).isEqualTo(404);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(asB.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		// the same body as for an id that does not exist, apart from the id itself
		assertThat(withoutIds(asB.body(), command.getCommandId()))
				.isEqualTo(withoutIds(unknown.body(), "cmd-nobody-sent-this"));

		assertThat(get(path, null).statusCode()).isEqualTo(401);
		assertThat(get(path, "not-a-key").statusCode()).isEqualTo(401);
		HttpResponse<String> sendOnly = get(path, TENANT_A_SEND_ONLY_KEY);
		assertThat(sendOnly.statusCode()).isEqualTo(403);
		assertThat(sendOnly.body()).contains("read");
		assertThat(get(path, OPERATOR_KEY).statusCode()).isEqualTo(200);

		// a command that named no tenant belongs to none: operators only
		String noTenantPath = "/api/v1/messages/" + noTenant.getCommandId();
		assertThat(get(noTenantPath, TENANT_A_KEY).statusCode()).isEqualTo(404);
		HttpResponse<String> noTenantAsOperator = get(noTenantPath, OPERATOR_KEY);
		assertThat(noTenantAsOperator.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(noTenantAsOperator.body()).path("reason").asString()).isEqualTo("TENANT_REQUIRED");
	}

	@Test
	void underTenantASettingAnUnfilteredSelectReturnsNoneOfTenantBsRows() {
		TestNumber numberOfA = cloudNumber(null, TENANT_A);
		TestNumber numberOfB = cloudNumber(null, TENANT_B);
		SendMessage ofA = template(numberOfA.phoneNumberId(), newUser());
		SendMessage ofB = template(numberOfB.phoneNumberId(), newUser());
		send(ofA, ofB);
		awaitState(ofA.getCommandId(), SendState.SENT);
		awaitState(ofB.getCommandId(), SendState.SENT);
		// the worker's own user sees both (it writes every tenant's sends), and other tests' tenants too
		List<String> everyTenant = jdbi.withHandle(h -> h.createQuery("SELECT tenant_id FROM sends")
				.mapTo(String.class).list());
		assertThat(everyTenant).contains(TENANT_A, TENANT_B);

		Principal a = new Principal("rls-it-a", TENANT_A, Set.of(Scope.READ));
		// deliberately no WHERE: the forgotten tenant filter row-level security is there for
		List<Map<String, Object>> seenByA = reads.read(a, h -> h.createQuery("SELECT * FROM sends").mapToMap().list());
		assertThat(seenByA).isNotEmpty().allSatisfy(row -> assertThat(row.get("tenant_id")).isEqualTo(TENANT_A));
		assertThat(seenByA).extracting(row -> row.get("command_id")).contains(ofA.getCommandId())
				.doesNotContain(ofB.getCommandId());
		Long bRowsSeenByA = reads.read(a, h -> h.createQuery("SELECT count(*) FROM sends WHERE tenant_id = :b")
				.bind("b", TENANT_B).mapTo(Long.class).one());
		assertThat(bRowsSeenByA).isZero();

		Principal b = new Principal("rls-it-b", TENANT_B, Set.of(Scope.READ));
		List<String> tenantsSeenByB = reads.read(b, h -> h.createQuery("SELECT DISTINCT tenant_id FROM sends")
				.mapTo(String.class).list());
		assertThat(tenantsSeenByB).containsExactly(TENANT_B);
		Principal operator = new Principal("rls-it-ops", null, Set.of(Scope.READ, Scope.ADMIN));
		List<String> seenByOperator = reads.read(operator, h -> h.createQuery("SELECT command_id FROM sends")
				.mapTo(String.class).list());
		assertThat(seenByOperator).contains(ofA.getCommandId(), ofB.getCommandId());

		// the reader only reads, whatever a read path might try
		assertThatThrownBy(() -> reads.read(a, h -> h.execute("DELETE FROM sends"))).hasMessageContaining("read-only");
		assertThat(store.find(ofB.getCommandId())).isPresent();

		// the template catalogue likewise: each number's WABA has Meta's sample, each tenant sees only its own
		await().atMost(SETTLED).until(() -> jdbi.withHandle(h -> h.createQuery(
				"SELECT count(*) FROM templates WHERE waba_id IN (:a, :b)").bind("a", numberOfA.wabaId())
				.bind("b", numberOfB.wabaId()).mapTo(Long.class).one()) == 2);
		for (String table : List.of("templates", "template_catalogues")) {
			List<String> wabasSeenByA = reads.read(a, h -> h.createQuery("SELECT waba_id FROM " + table)
					.mapTo(String.class).list());
			assertThat(wabasSeenByA).as(table).contains(numberOfA.wabaId()).doesNotContain(numberOfB.wabaId());
			List<String> tenantsOfTable = reads.read(b, h -> h.createQuery("SELECT DISTINCT tenant_id FROM " + table)
					.mapTo(String.class).list());
			assertThat(tenantsOfTable).as(table).containsExactly(TENANT_B);
		}
	}

	private CommandResult result(SendMessage command) {
		return await().atMost(SETTLED).until(() -> tap().results(command.getCommandId()), r -> !r.isEmpty()).get(0);
	}

	private HttpResponse<String> get(String path, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode withoutIds(String body, String commandId) {
		return JSON.readTree(body.replace(commandId, "<id>"));
	}
}
