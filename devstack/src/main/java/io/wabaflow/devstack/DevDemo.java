package io.wabaflow.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.wabaflow.platform.access.DevKeys;

/**
 * {@code java -jar devstack-exec.jar demo}: walks the whole loop against a running devstack, printing what
 * happens and where to look. Two businesses onboard through the ingress — one whose WABA the worker must
 * create and poll for, one a coexistence number (WhatsApp Business app) found from the session's hints —
 * then the second shares its contacts and history, a user writes, the business answers inside the 24 h
 * window, a free-form message to someone who never wrote is refused while a template to them is sent,
 * and the statuses arrive.
 *
 * <p>Public for the system tests, which walk the same loop against the services running as separate processes
 * and then check every step through the read APIs ({@link Walked} says where to look).
 */
public final class DevDemo {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String sandbox;

	private final String ingress;

	private final String onboarding;

	private final String sync;

	private final Keys keys;

	private final PrintStream out;

	/**
	 * What the loop made: the two tenants, the coexistence number, its user, the one who never wrote, and the
	 * command ids of the reply, the refused free-form message and the template.
	 */
	public record Walked(String createdTenant, String coexistenceTenant, String phoneNumberId, String wabaId, String user,
			String stranger, String replyCommand, String refusedCommand, String templateCommand) {
	}

	/**
	 * Whom the demo runs as: a tenant and its key (the coexistence number and the whole message loop), and
	 * another tenant (the business whose WABA is created), whose key must see none of the first one's data.
	 */
	public record Keys(String tenant, String key, String otherTenant, String otherTenantKey) {

		/** The development keys the devstack seeds: the demo runs as tenant-a, the WABA creation as tenant-b. */
		public static final Keys DEV = new Keys(DevKeys.TENANT_A, DevKeys.TENANT_A_KEY, DevKeys.TENANT_B,
				DevKeys.TENANT_B_KEY);
	}

	DevDemo(DevstackSettings settings, PrintStream out) {
		this(local(settings.sandboxPort()), local(settings.ingressPort()), local(settings.onboardingPort()),
				local(settings.syncPort()), Keys.DEV, out);
	}

	/** Base URLs ({@code http://host:port}) of the sandbox, the ingress, the onboarding and sync workers. */
	public DevDemo(String sandboxUrl, String ingressUrl, String onboardingUrl, String syncUrl, Keys keys,
			PrintStream out) {
		this.sandbox = sandboxUrl + "/sandbox";
		this.ingress = ingressUrl;
		this.onboarding = onboardingUrl;
		this.sync = syncUrl;
		this.keys = keys;
		this.out = out;
	}

	private static String local(int port) {
		return "http://127.0.0.1:" + port;
	}

	public Walked run() {
		String tenant = keys.tenant();
		String status = onboarding + "/api/v1/tenants/" + tenant + "/onboarding";
		String otherStatus = onboarding + "/api/v1/tenants/" + keys.otherTenant() + "/onboarding";
		say("Running as " + tenant + " (API key " + keys.key() + "); the first business is " + keys.otherTenant()
				+ " (API key " + keys.otherTenantKey() + ")");

		step("1. A business without a WABA onboards: the worker tries the creation strategies, then polls");
		String cafe = post(sandbox + "/businesses", "{\"name\":\"Café Demo\"}").path("id").asString();
		put(sandbox + "/waba-creation", "{\"businessId\":\"" + cafe + "\",\"strategy\":\"2B\",\"visibleAfterPolls\":2}");
		String code = post(sandbox + "/signup-codes", "{\"businessId\":\"" + cafe + "\"}").path("code").asString();
		command(keys.otherTenantKey(), "/api/v1/onboarding",
				"{\"code\":\"" + code + "\",\"state\":\"demo\",\"business_id\":\"" + cafe + "\"}");
		// creation and polling can outlast Prefer: wait; the tenant's status (its latest flow) tells
		JsonNode created = await(keys.otherTenantKey(), otherStatus, body -> cafe.equals(body.path("business_id").asString())
				&& "completed".equals(body.path("state").asString()));
		say("   " + created.path("state").asString() + " via strategy " + created.path("strategy_used").asString()
				+ " after " + created.path("attempts").path("polls").asInt() + " poll(s) of the new WABA");
		say("   the log: " + otherStatus + "/log");

		step("2. A WhatsApp Business app number (coexistence) onboards from the session's hints, without registration");
		String padaria = post(sandbox + "/businesses", "{\"name\":\"Padaria Demo\"}").path("id").asString();
		String waba = post(sandbox + "/wabas", "{\"businessId\":\"" + padaria + "\"}").path("id").asString();
		String phone = post(sandbox + "/phone-numbers", "{\"wabaId\":\"" + waba
				+ "\",\"type\":\"coexistence\",\"onboardedHoursAgo\":0,\"historyShared\":true}").path("id").asString();
		post(sandbox + "/phone-numbers/" + phone + "/contacts",
				"{\"contacts\":[{\"phoneNumber\":\"+5511911111111\",\"fullName\":\"Ana Lúcia\",\"firstName\":\"Ana\"}]}");
		post(sandbox + "/phone-numbers/" + phone + "/history", """
				{"messages":[{"userPhone":"5511911111111","text":"bom dia, tem pão?","daysAgo":0.5},
				 {"userPhone":"5511911111111","fromBusiness":true,"text":"tem sim!","daysAgo":0.4,"status":"READ"},
				 {"userPhone":"5511911111111","text":"obrigada","daysAgo":40}]}""");
		code = post(sandbox + "/signup-codes", "{\"businessId\":\"" + padaria + "\"}").path("code").asString();
		command("/api/v1/onboarding", "{\"code\":\"" + code + "\",\"state\":\"demo\",\"business_id\":\"" + padaria + "\",\"waba_id\":\"" + waba + "\",\"phone_number_id\":\"" + phone + "\"}");
		JsonNode coexistence = await(status, body -> padaria.equals(body.path("business_id").asString())
				&& "completed".equals(body.path("state").asString()));
		say("   " + coexistence.path("state").asString() + ", number type "
				+ coexistence.path("phone").path("number_type").asString() + ": " + status);

		step("3. Contacts and history of the Business app are requested, once each, and projected");
		say("   contacts: request_id " + command("/api/v1/phone-numbers/" + phone + "/coexistence/contacts-sync", "")
				.path("data").path("request_id").asString());
		say("   history:  request_id " + command("/api/v1/phone-numbers/" + phone + "/coexistence/history-sync", "")
				.path("data").path("request_id").asString());
		JsonNode history = await(sync + "/api/v1/phone-numbers/" + phone + "/history-sync",
				body -> body.path("complete").asBoolean());
		say("   history sync " + history.path("state").asString() + " at " + history.path("progress").asInt() + "%: "
				+ sync + "/api/v1/phone-numbers/" + phone + "/history-sync");
		JsonNode contacts = await(sync + "/api/v1/phone-numbers/" + phone + "/contacts",
				body -> body.path("items").size() > 0);
		say("   contacts: " + contacts.path("items").size() + " — " + sync + "/api/v1/phone-numbers/" + phone + "/contacts");

		step("4. A user writes; the business answers inside the 24 h window");
		String user = "5511987654321";
		post(sandbox + "/inbound", "{\"phoneNumberId\":\"" + phone + "\",\"from\":\"" + user + "\",\"text\":\"Oi! Vocês entregam?\"}");
		await(sync + "/api/v1/phone-numbers/" + phone + "/conversations", body -> body.toString().contains(user));
		JsonNode reply = command("/api/v1/messages", "{\"phone_number_id\":\"" + phone
				+ "\",\"to\":\"" + user + "\",\"type\":\"text\",\"content\":{\"body\":\"Entregamos sim!\"}}");
		say("   reply: " + reply.path("outcome").asString() + " " + reply.path("data").path("wamid").asString());

		step("5. Someone who never wrote: free-form is refused, a template (Meta's sample hello_world) goes out");
		String stranger = "5511955555555";
		JsonNode refused = command("/api/v1/messages", "{\"phone_number_id\":\"" + phone
				+ "\",\"to\":\"" + stranger + "\",\"type\":\"text\",\"content\":{\"body\":\"Promoção!\"}}");
		say("   free-form: " + refused.path("outcome").asString() + " " + refused.path("error_code").asString());
		JsonNode template = command("/api/v1/messages", "{\"phone_number_id\":\"" + phone
				+ "\",\"to\":\"" + stranger + "\",\"type\":\"template\",\"content\":{\"name\":\"hello_world\",\"language\":{\"code\":\"en_US\"}}}");
		say("   template: " + template.path("outcome").asString() + " " + template.path("data").path("wamid").asString());

		step("6. Statuses arrive: the reply is read");
		String conversation = sync + "/api/v1/conversations/" + phone + ":" + user + "/messages";
		await(conversation, body -> body.toString().contains("\"status\":\"read\""));
		say("   " + conversation);
		if (keys.otherTenantKey() != null) {
			step("7. " + keys.otherTenant() + "'s key sees none of " + tenant + "'s data");
			int conversationStatus = raw(HttpRequest.newBuilder(URI.create(conversation))
					.header("Authorization", "Bearer " + keys.otherTenantKey()).GET()).statusCode();
			int sendStatus = raw(HttpRequest.newBuilder(URI.create(ingress + "/api/v1/messages"))
					.header("Authorization", "Bearer " + keys.otherTenantKey()).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"phone_number_id\":\"" + phone + "\",\"to\":\"" + user
							+ "\",\"type\":\"text\",\"content\":{\"body\":\"not mine\"}}"))).statusCode();
			say("   its read of the conversation: " + conversationStatus + "; its send from the number: " + sendStatus);
		}
		say("\nDone. Everything above came through the ingress, Kafka and the workers; ops can look with "
				+ "`wabaflow topics` and `wabaflow tail wabaflow.webhooks.v1 --since 10m`.");
		return new Walked(keys.otherTenant(), tenant, phone, waba, user, stranger,
				reply.path("command_id").asString(), refused.path("command_id").asString(),
				template.path("command_id").asString());
	}

	private JsonNode command(String path, String body) {
		return command(keys.key(), path, body);
	}

	private JsonNode command(String key, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ingress + path))
				.header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
				.header("Prefer", "wait=30").POST(HttpRequest.BodyPublishers.ofString(body));
		return send(request);
	}

	private JsonNode await(String url, Predicate<JsonNode> done) {
		return await(keys.key(), url, done);
	}

	private JsonNode await(String key, String url, Predicate<JsonNode> done) {
		Instant deadline = Instant.now().plus(PATIENCE);
		JsonNode last = null;
		while (Instant.now().isBefore(deadline)) {
			HttpResponse<String> response = raw(HttpRequest.newBuilder(URI.create(url))
					.header("Authorization", "Bearer " + key).GET());
			if (response.statusCode() == 200) {
				last = json.readTree(response.body());
				if (done.test(last)) {
					return last;
				}
			}
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
		}
		throw new IllegalStateException("Waited " + PATIENCE + " for " + url + "; last answer: " + last);
	}

	private JsonNode post(String url, String body) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private JsonNode put(String url, String body) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	private JsonNode send(HttpRequest.Builder request) {
		HttpResponse<String> response = raw(request);
		String body = response.body() == null || response.body().isBlank() ? "{}" : response.body();
		if (response.statusCode() >= 500) {
			throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + body);
		}
		return json.readTree(body);
	}

	private HttpResponse<String> raw(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(45)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new IllegalStateException("Is the devstack running? " + e.getMessage(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private void step(String text) {
		out.println("\n" + text);
	}

	private void say(String text) {
		out.println(text);
	}
}
