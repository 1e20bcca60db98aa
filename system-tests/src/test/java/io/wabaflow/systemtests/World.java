package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.wabaflow.sandbox.ScenarioClient;
import tools.jackson.databind.JsonNode;

/**
 * What the tests set up in the sandbox and through the ingress, and how they read the outcome back: businesses
 * and numbers, commands, and the sync worker's projection of a number. Numbers are onboarded as tenant-a
 * (the services seed the development keys, see devstack's ServiceEnvironment) and everything about them goes
 * through tenant-a's key; a number nobody onboarded is visible to the operator key only.
 */
final class World {

	private final SystemStack stack;

	static final String TENANT = "tenant-a";

	private final Api tenant = new Api("dev-tenant-a-key");

	private final Api operator = new Api("dev-ops-key");

	private final Map<String, Api> byPhone = new ConcurrentHashMap<>();

	private final Map<String, Api> byCommand = new ConcurrentHashMap<>();

	private final ScenarioClient scenario;

	World(SystemStack stack) {
		this.stack = stack;
		this.scenario = stack.scenario();
	}

	/** The API as the number's tenant (the operator for a number nobody onboarded). */
	Api api(String phone) {
		return byPhone.getOrDefault(phone, operator);
	}


	String syncUrl() {
		return stack.url(Service.SYNC);
	}

	/** A cloud number whose WABA our app is subscribed to: its webhooks reach the ingress; nobody onboarded it. */
	String subscribedNumber(String business) {
		String waba = scenario.createWaba(scenario.createBusiness(business), true);
		return scenario.createCloudNumber(waba, "+55 11 4000-0000", true);
	}

	/**
	 * A business onboarded through the ingress (code exchange, registration of its cloud number, subscription),
	 * and its number known to the sender: a template to it goes out.
	 */
	String onboardedNumber(String businessName) {
		return awaitOnboarded(startOnboarding(businessName), Duration.ofSeconds(90));
	}

	/** A business with a cloud number that signed up; its onboarding is started through the ingress. */
	record Signup(String business, String waba, String phone) {
	}

	Signup startOnboarding(String businessName) {
		String business = scenario.createBusiness(businessName);
		String waba = scenario.createWaba(business, false);
		String phone = scenario.createCloudNumber(waba, "+55 11 4002-0000", false);
		String code = scenario.signupCode(business);
		byPhone.put(phone, tenant);
		Api.Answer started = tenant.post(stack.url(Service.INGRESS) + "/api/v1/onboarding", """
				{"code":"%s","state":"st","waba_id":"%s","phone_number_id":"%s","business_id":"%s"}"""
				.formatted(code, waba, phone, business));
		assertThat(started.status()).as("POST /api/v1/onboarding: %s", started.body()).isEqualTo(202);
		return new Signup(business, waba, phone);
	}

	/** Waits until the signup's onboarding completed and the sender knows its number; the number. */
	String awaitOnboarded(Signup signup, Duration timeout) {
		Api api = tenant;
		String business = signup.business();
		String phone = signup.phone();
		// the tenant's status shows its latest flow: this business's once it started
		await("onboarding of " + business).atMost(timeout).pollInterval(Duration.ofMillis(500))
				.until(() -> api.get(stack.url(Service.ONBOARDING) + "/api/v1/tenants/" + TENANT + "/onboarding").body(),
						status -> business.equals(status.path("business_id").asString())
								&& "completed".equals(status.path("state").asString()));
		// the sender learns the number from the registry topic; until then it rejects sends as UNKNOWN_NUMBER
		await("the sender knowing " + phone).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
				.until(() -> api.post(stack.url(Service.INGRESS) + "/api/v1/messages", template(phone, "5511900000000"), "wait=20")
						.body().path("outcome").asString(), "OK"::equals);
		return phone;
	}

	/** POSTs a template to the ingress; its command id (202: durable in Kafka). */
	String sendTemplate(String phone, String to) {
		Api.Answer answer = api(phone).post(stack.url(Service.INGRESS) + "/api/v1/messages", template(phone, to));
		if (answer.status() != 202) {
			throw new IllegalStateException("The ingress answered " + answer.status() + ": " + answer.body());
		}
		String commandId = answer.body().path("command_id").asString();
		byCommand.put(commandId, api(phone));
		return commandId;
	}

	/** Meta's sample template through the ingress, waiting for the sender's outcome ({@code outcome}, {@code error_code}). */
	JsonNode sendTemplateAndWait(String phone, String to) {
		return api(phone).post(stack.url(Service.INGRESS) + "/api/v1/messages", template(phone, to), "wait=30").body();
	}

	/** Any message through the ingress ({@code content}: the type's JSON object), waiting for the sender's outcome. */
	JsonNode sendAndWait(String phone, String to, String type, String content) {
		return api(phone).post(stack.url(Service.INGRESS) + "/api/v1/messages", """
				{"phone_number_id":"%s","to":"%s","type":"%s","content":%s}""".formatted(phone, to, type, content),
				"wait=30").body();
	}

	/** A free-form text through the ingress, waiting for the sender's outcome. */
	JsonNode sendTextAndWait(String phone, String to, String body) {
		return api(phone).post(stack.url(Service.INGRESS) + "/api/v1/messages", """
				{"phone_number_id":"%s","to":"%s","type":"text","content":{"body":"%s"}}""".formatted(phone, to, body),
				"wait=30").body();
	}

	private static String template(String phone, String to) {
		return """
				{"phone_number_id":"%s","to":"%s","type":"template","content":{"name":"hello_world","language":{"code":"en_US"}}}"""
				.formatted(phone, to);
	}

	/** What Meta (the sandbox) received from our senders for the number, each message once as it arrived. */
	List<JsonNode> receivedByMeta(String phone) {
		return scenario.sentMessages(phone).valueStream().toList();
	}

	/**
	 * Until at least {@code atLeast} deliveries of the number's webhooks were made and the ingress acknowledged
	 * each (durable in Kafka). A batched delivery's webhook went in the POST of its batch, acknowledged too.
	 */
	void awaitDelivered(String phone, int atLeast, Duration patience) {
		await("the webhooks of " + phone + " acknowledged by the ingress").atMost(patience)
				.pollInterval(Duration.ofMillis(300)).until(() -> {
					List<JsonNode> deliveries = scenario.get("/deliveries?phoneNumberId=" + phone).valueStream().toList();
					return deliveries.size() >= atLeast
							&& deliveries.stream().allMatch(d -> d.path("state").asString().matches("DELIVERED|BATCHED"));
				});
	}

	/** The sender's view of a command (its state: pending, intended, sent, failed, rejected, unknown). */
	JsonNode command(String commandId) {
		return byCommand.getOrDefault(commandId, operator).get(stack.url(Service.SENDER) + "/api/v1/messages/" + commandId)
				.body();
	}

	/** Every conversation of the number (the read API, all pages); empty while the read API is not serving. */
	List<JsonNode> conversations(String phone) {
		return pages(api(phone), stack.url(Service.SYNC) + "/api/v1/phone-numbers/" + phone + "/conversations?limit=200");
	}

	/** Every message of a conversation, newest first (all pages), raw bodies included. */
	List<JsonNode> messages(String conversationId) {
		return pages(api(conversationId.substring(0, conversationId.indexOf(':'))),
				stack.url(Service.SYNC) + "/api/v1/conversations/" + conversationId + "/messages?limit=200&include_raw=true");
	}

	/** Inbound messages projected for the number, by the conversations' counts. */
	int inboundProjected(String phone) {
		return conversations(phone).stream().mapToInt(c -> c.path("counts").path("inbound").asInt()).sum();
	}

	private static List<JsonNode> pages(Api api, String url) {
		List<JsonNode> items = new ArrayList<>();
		String cursor = null;
		do {
			Api.Answer answer = api.get(cursor == null ? url : url + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
			if (answer.status() != 200) {
				return List.of();
			}
			answer.body().path("items").forEach(items::add);
			cursor = answer.body().path("next_cursor").isString() ? answer.body().path("next_cursor").asString() : null;
		}
		while (cursor != null);
		return items;
	}
}
