package io.wabaflow.metagraph.client;

import static org.assertj.core.api.Assertions.assertThat;
import static io.wabaflow.metagraph.client.Futures.graphFailure;
import static io.wabaflow.metagraph.client.Futures.join;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.wabaflow.metagraph.client.GraphModel.AccessToken;
import io.wabaflow.metagraph.client.GraphModel.DebugToken;
import io.wabaflow.metagraph.client.GraphModel.PhoneNumber;
import io.wabaflow.metagraph.client.GraphModel.SentMessage;
import io.wabaflow.metagraph.client.GraphModel.SmbSyncType;
import io.wabaflow.metagraph.client.GraphModel.Waba;
import io.wabaflow.metagraph.client.GraphModel.WabaCreationCall;
import io.wabaflow.sandbox.GraphSandbox;
import io.wabaflow.sandbox.SandboxSettings;
import io.wabaflow.sandbox.ScenarioClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every typed call of {@link GraphClient}, over real HTTP against graph-sandbox (the offline simulator of the
 * Graph API, written from the facts file and not from this client), including Meta's error bodies and their
 * classification.
 */
class GraphClientIT {

	private static final String APP_ID = "880011223344556";

	private static final String APP_SECRET = "graph-client-it-secret";

	private static GraphSandbox sandbox;

	private static ScenarioClient scenario;

	private static GraphClient client;

	@BeforeAll
	static void start() {
		sandbox = GraphSandbox.start(SandboxSettings.defaults().withApp(APP_ID, APP_SECRET).withFastTimings());
		scenario = sandbox.scenario();
		client = GraphClient.create(new GraphSettings(URI.create(sandbox.baseUrl()), sandbox.settings().graphVersion(),
				APP_ID, APP_SECRET, Duration.ofSeconds(5)));
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void anEmbeddedSignupCodeIsExchangedOnceForTheBusinessToken() {
		String business = scenario.createBusiness("Troca");
		scenario.createWaba(business, false);
		String code = scenario.signupCode(business);

		AccessToken token = join(client.exchangeCode(code));

		assertThat(token.value()).startsWith("EAA");
		assertThat(token.tokenType()).isEqualTo("bearer");
		assertThat(token.toString()).doesNotContain(token.value());
		GraphApiException again = graphFailure(client.exchangeCode(code));
		assertThat(again.code()).isEqualTo(100);
		assertThat(again.classification()).isEqualTo(GraphErrorClass.PERMANENT);
		assertThat(again.error().message()).isEqualTo("This authorization code has been used.");
		assertThat(again.getMessage()).doesNotContain(code).doesNotContain(APP_SECRET);
	}

	@Test
	void debugTokenNamesTheSharedWabasAndTheClientsBusiness() {
		String business = scenario.createBusiness("Escopos");
		String waba = scenario.createWaba(business, false);
		String token = join(client.exchangeCode(scenario.signupCode(business))).value();

		DebugToken debug = join(client.debugToken(token));

		assertThat(debug.valid()).isTrue();
		assertThat(debug.appId()).isEqualTo(APP_ID);
		assertThat(debug.sharedWabaIds()).containsExactly(waba);
		assertThat(debug.businessIds()).containsExactly(business);
		assertThat(join(client.debugToken("EAAnot-a-token")).valid()).isFalse();
	}

	@Test
	void ownedAndClientWabasAreListedAcrossPages() {
		String business = scenario.createBusiness("Muitas Contas");
		List<String> created = java.util.stream.IntStream.range(0, 27)
				.mapToObj(i -> scenario.createWaba(business, false)).toList();
		String token = scenario.businessToken(business);

		List<Waba> owned = join(client.ownedWabas(business, token));
		List<Waba> shared = join(client.clientWabas(scenario.partnerBusinessId(), sandbox.systemUserToken()));

		assertThat(owned).extracting(Waba::id).containsExactlyInAnyOrderElementsOf(created);
		assertThat(owned.get(0).name()).isNotBlank();
		assertThat(shared).extracting(Waba::id).containsAll(created);
		assertThat(shared).filteredOn(w -> created.contains(w.id())).extracting(Waba::ownershipType)
				.containsOnly("CLIENT_OWNED");
	}

	@Test
	void aWabaIsEmptyWhileInvisibleOrUnknownAndPresentOnceVisible() {
		String business = scenario.createBusiness("Visibilidade");
		scenario.wabaCreation(business, "2B", 1);
		String token = scenario.businessToken(business);
		String waba = join(client.createWaba(WabaCreationCall.BUSINESS_WHATSAPP_BUSINESS_ACCOUNTS, business,
				"WhatsApp Business Account", null, token));

		Optional<Waba> firstPoll = join(client.waba(waba, token));
		Optional<Waba> secondPoll = join(client.waba(waba, token));

		assertThat(firstPoll).isEmpty();
		assertThat(secondPoll).map(Waba::id).contains(waba);
		assertThat(join(client.waba("999000111222", token))).isEmpty();
	}

	@Test
	void onlyThePlannedCreationCallSucceedsAndTheOthersFailWithMetasErrors() {
		String business = scenario.createBusiness("Criação");
		scenario.wabaCreation(business, "2C", 0);
		String token = scenario.businessToken(business);

		GraphApiException a = graphFailure(client.createWaba(WabaCreationCall.CLIENT_WHATSAPP_APPLICATIONS, business,
				"WhatsApp Business Account", null, token));
		GraphApiException b = graphFailure(client.createWaba(WabaCreationCall.BUSINESS_WHATSAPP_BUSINESS_ACCOUNTS,
				business, "WhatsApp Business Account", null, token));
		GraphApiException d = graphFailure(client.createWaba(WabaCreationCall.WHATSAPP_BUSINESS_ACCOUNTS, business,
				"WhatsApp Business Account", null, token));
		String c = join(client.createWaba(WabaCreationCall.APPLICATIONS, business, "WhatsApp Business App",
				"whatsapp_1767225600", token));

		assertThat(a.code()).isEqualTo(100);
		assertThat(b.code()).isEqualTo(200);
		assertThat(d.code()).isEqualTo(100);
		assertThat(List.of(a, b, d)).extracting(GraphApiException::classification).containsOnly(GraphErrorClass.PERMANENT);
		assertThat(a.operation()).isEqualTo("create WABA (2A)");
		assertThat(join(client.waba(c, token))).map(Waba::id).contains(c);
		assertThat(join(client.ownedWabas(business, token))).extracting(Waba::id).containsExactly(c);
	}

	@Test
	void phoneNumbersAreListedAndACoexistenceNumberIsRecognised() {
		String business = scenario.createBusiness("Números");
		String waba = scenario.createWaba(business, false);
		String cloud = scenario.createCloudNumber(waba, "+55 11 4002-8922", false);
		String coexistence = scenario.createCoexistenceNumber(waba, "+55 11 3003-0000");
		String token = scenario.businessToken(business);

		List<PhoneNumber> numbers = join(client.phoneNumbers(waba, token));
		PhoneNumber cloudNumber = join(client.phoneNumber(cloud, token));
		PhoneNumber coexistenceNumber = join(client.phoneNumber(coexistence, token));

		assertThat(numbers).extracting(PhoneNumber::id).containsExactlyInAnyOrder(cloud, coexistence);
		assertThat(numbers).filteredOn(n -> n.id().equals(cloud)).extracting(PhoneNumber::displayPhoneNumber)
				.containsExactly("+55 11 4002-8922");
		assertThat(cloudNumber.coexistence()).isFalse();
		assertThat(cloudNumber.platformType()).isNotBlank();
		assertThat(coexistenceNumber.coexistence()).isTrue();
	}

	@Test
	void registerSubscribeAndSend() {
		String business = scenario.createBusiness("Ativação");
		String waba = scenario.createWaba(business, false);
		String phone = scenario.createCloudNumber(waba, "+55 11 5000-1000", false);
		String token = scenario.businessToken(business);

		join(client.register(phone, "123456", token));
		join(client.register(phone, "123456", token)); // the same PIN again is fine
		GraphApiException otherPin = graphFailure(client.register(phone, "654321", token));
		join(client.subscribeApp(waba, token));
		SentMessage sent = join(client.sendMessage(phone, JsonMapper.builder().build().readTree("""
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987654321",
				 "type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}"""), token));

		assertThat(otherPin.code()).isEqualTo(133005);
		assertThat(otherPin.classification()).isEqualTo(GraphErrorClass.PERMANENT);
		assertThat(scenario.calls("subscribed_apps").valueStream()
				.filter(call -> waba.equals(call.path("nodeId").asString())).count()).isEqualTo(1);
		assertThat(sent.wamid()).startsWith("wamid.");
		assertThat(sent.waId()).isNotBlank();
		assertThat(sent.input()).isEqualTo("5511987654321");
	}

	@Test
	void coexistenceNumbersAreNotRegistered() {
		String business = scenario.createBusiness("Coexistência");
		String waba = scenario.createWaba(business, false);
		String phone = scenario.createCoexistenceNumber(waba, "+55 11 3003-1111");

		GraphApiException refused = graphFailure(client.register(phone, "123456", scenario.businessToken(business)));

		assertThat(refused.code()).isEqualTo(100);
	}

	@Test
	void smbAppDataIsRequestedOncePerTypeWithinTwentyFourHours() {
		String business = scenario.createBusiness("Sincronia");
		String waba = scenario.createWaba(business, true);
		String fresh = scenario.createCoexistenceNumber(waba, "+55 11 3003-2222");
		String late = scenario.post("/phone-numbers", Map.of("wabaId", waba, "type", "coexistence",
				"onboardedHoursAgo", 25)).path("id").asString();
		String token = scenario.businessToken(business);

		String contacts = join(client.requestSmbAppData(fresh, SmbSyncType.CONTACTS, token));
		String history = join(client.requestSmbAppData(fresh, SmbSyncType.HISTORY, token));
		GraphApiException twice = graphFailure(client.requestSmbAppData(fresh, SmbSyncType.CONTACTS, token));
		GraphApiException expired = graphFailure(client.requestSmbAppData(late, SmbSyncType.HISTORY, token));

		assertThat(contacts).isNotBlank();
		assertThat(history).isNotBlank().isNotEqualTo(contacts);
		assertThat(twice.code()).isEqualTo(2593107);
		assertThat(expired.code()).isEqualTo(2593108);
		assertThat(List.of(twice, expired)).extracting(GraphApiException::classification)
				.containsOnly(GraphErrorClass.PERMANENT);
	}

	@Test
	void userPagesAreAskedForAndAGraphRefusalIsAPermanentError() {
		String business = scenario.createBusiness("Páginas");

		// A token made without a user (no pageIds, like a system user's) has no pages: GET /me/accounts is refused with
		// 100, which the discovery reads as "no pages" (the pages themselves are in the onboarding's DiscoverySourcesIT).
		GraphApiException refused = graphFailure(client.userPages(scenario.businessToken(business)));

		assertThat(refused.code()).isEqualTo(100);
		assertThat(refused.classification()).isEqualTo(GraphErrorClass.PERMANENT);
		assertThat(refused.operation()).isEqualTo("list user pages");
	}

	@Test
	void genericGetAndPostReachAnyEdge() {
		String business = scenario.createBusiness("Genérico");
		String waba = scenario.createWaba(business, false);
		String token = scenario.businessToken(business);

		var node = join(client.get("read WABA", waba, Map.of("fields", "id,name"), token));
		var subscribed = join(client.post("subscribe", waba + "/subscribed_apps",
				JsonMapper.builder().build().createObjectNode(), token));

		assertThat(node.path("id").asString()).isEqualTo(waba);
		assertThat(subscribed.path("success").asBoolean()).isTrue();
	}

	@Test
	void metasErrorCodesAreClassifiedTheOneWay() {
		String business = scenario.createBusiness("Erros");
		String waba = scenario.createWaba(business, false);
		String token = scenario.businessToken(business);
		Map<Integer, GraphErrorClass> expected = Map.of(4, GraphErrorClass.THROTTLED, 80007, GraphErrorClass.THROTTLED,
				1, GraphErrorClass.RETRYABLE, 2, GraphErrorClass.RETRYABLE, 131000, GraphErrorClass.RETRYABLE,
				2494100, GraphErrorClass.RETRYABLE, 10, GraphErrorClass.PERMANENT, 200, GraphErrorClass.PERMANENT,
				368, GraphErrorClass.PERMANENT);

		expected.forEach((code, classification) -> {
			scenario.injectError("phone_numbers", code, 1);
			GraphApiException failure = graphFailure(client.phoneNumbers(waba, token));
			assertThat(failure.code()).as("code %s", code).isEqualTo(code);
			assertThat(failure.classification()).as("code %s", code).isEqualTo(classification);
		});

		scenario.post("/tokens/revoke", Map.of("token", token));
		GraphApiException revoked = graphFailure(client.phoneNumbers(waba, token));
		assertThat(revoked.code()).isEqualTo(190);
		assertThat(revoked.classification()).isEqualTo(GraphErrorClass.AUTH);
		assertThat(revoked.error().httpStatus()).isEqualTo(401);
		assertThat(revoked.getMessage()).doesNotContain(token);
	}

	@Test
	void anUnreachableGraphIsRetryable() {
		GraphClient nowhere = GraphClient.create(new GraphSettings(URI.create("http://127.0.0.1:1"), "v21.0", APP_ID,
				APP_SECRET, Duration.ofSeconds(2)));

		GraphApiException failure = graphFailure(nowhere.phoneNumbers("1", "EAAsecret-token"));

		assertThat(failure.classification()).isEqualTo(GraphErrorClass.RETRYABLE);
		assertThat(failure.error().httpStatus()).isZero();
		assertThat(failure.getMessage()).doesNotContain("EAAsecret-token");
	}
}
