package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wabaflow.devstack.DevDemo;
import tools.jackson.databind.JsonNode;

/**
 * The clean run: the devstack's scripted loop ({@link DevDemo}) against the services as separate processes, then
 * every step checked where a user of Wabaflow would look — the onboarding worker's status API, the sender's
 * command API, the sync worker's read API — and against what the sandbox (Meta) actually received.
 */
@ExtendWith(SharedStack.class)
class WholeLoopIT {

	@Test
	void onboardingSyncInboundReplyTemplateAndStatusesThroughTheRealProcesses(SystemStack stack) {
		// the demo runs as tenant-a (its coexistence number and the whole message loop); the created WABA is tenant-b's
		Api api = new Api(DevDemo.Keys.DEV.key());
		Api otherTenant = new Api(DevDemo.Keys.DEV.otherTenantKey());
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		DevDemo.Walked walked = new DevDemo(stack.sandboxUrl(), stack.url(Service.INGRESS), stack.url(Service.ONBOARDING),
				stack.url(Service.SYNC), DevDemo.Keys.DEV, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
		System.out.println(printed.toString(StandardCharsets.UTF_8));
		String onboarding = stack.url(Service.ONBOARDING) + "/api/v1/tenants/";
		String sender = stack.url(Service.SENDER) + "/api/v1/messages/";
		String sync = stack.url(Service.SYNC) + "/api/v1/";
		String phone = walked.phoneNumberId();

		// onboarding: a WABA created (2B after 2A failed) and polled for; a coexistence number from the hints
		JsonNode created = otherTenant.read(onboarding + walked.createdTenant() + "/onboarding");
		assertThat(created.path("state").asString()).isEqualTo("completed");
		assertThat(created.path("strategy_used").asString()).isEqualTo("2B");
		assertThat(created.path("attempts").path("polls").asInt()).isPositive();
		JsonNode coexistence = api.read(onboarding + walked.coexistenceTenant() + "/onboarding");
		assertThat(coexistence.path("state").asString()).isEqualTo("completed");
		assertThat(coexistence.path("phone").path("phone_number_id").asString()).isEqualTo(phone);
		assertThat(coexistence.path("phone").path("number_type").asString()).isEqualTo("coexistence");

		// sends: the reply and the template went out, the free-form message to a stranger never did
		JsonNode reply = api.read(sender + walked.replyCommand());
		JsonNode refused = api.read(sender + walked.refusedCommand());
		JsonNode template = api.read(sender + walked.templateCommand());
		assertThat(reply.path("state").asString()).isEqualTo("sent");
		assertThat(template.path("state").asString()).isEqualTo("sent");
		assertThat(refused.path("state").asString()).isEqualTo("rejected");
		assertThat(refused.path("reason").asString()).isEqualTo("WINDOW_CLOSED");
		// ... and Meta received exactly those two, once each
		List<JsonNode> received = stack.scenario().sentMessages(phone).valueStream().toList();
		assertThat(received).extracting(m -> m.path("wamid").asString())
				.containsExactlyInAnyOrder(reply.path("wamid").asString(), template.path("wamid").asString());
		assertThat(received).extracting(m -> m.path("to").asString() + " " + m.path("type").asString())
				.containsExactlyInAnyOrder(walked.user() + " text", walked.stranger() + " template");

		// projections: the conversation with the user, its reply read
		JsonNode conversations = api.read(sync + "phone-numbers/" + phone + "/conversations");
		JsonNode withUser = item(conversations, "id", phone + ":" + walked.user());
		assertThat(withUser.path("counts").path("inbound").asInt()).isEqualTo(1);
		assertThat(withUser.path("counts").path("outbound").asInt()).isEqualTo(1);
		assertThat(withUser.path("window_open").asBoolean()).isTrue();
		JsonNode messages = api.read(sync + "conversations/" + phone + ":" + walked.user() + "/messages");
		JsonNode projectedReply = item(messages, "command_id", walked.replyCommand());
		assertThat(projectedReply.path("wamid").asString()).isEqualTo(reply.path("wamid").asString());
		assertThat(projectedReply.path("status").asString()).isEqualTo("read");
		assertThat(projectedReply.path("statuses").valueStream().map(s -> s.path("status").asString()))
				.containsExactlyInAnyOrder("sent", "delivered", "read");
		assertThat(item(messages, "direction", "inbound").path("content").path("body").asString())
				.isEqualTo("Oi! Vocês entregam?");
		// the stranger: the template sent, the refusal shown as such
		JsonNode withStranger = api.read(sync + "conversations/" + phone + ":" + walked.stranger() + "/messages");
		assertThat(item(withStranger, "command_id", walked.templateCommand()).path("wamid").asString())
				.isEqualTo(template.path("wamid").asString());
		assertThat(item(withStranger, "command_id", walked.refusedCommand()).path("status").asString()).isEqualTo("rejected");
		assertThat(item(conversations, "id", phone + ":" + walked.stranger()).path("window_open").asBoolean()).isFalse();

		// the Business app's contacts and history, once each
		JsonNode contacts = api.read(sync + "phone-numbers/" + phone + "/contacts");
		assertThat(item(contacts, "wa_id", "5511911111111").path("address_book").path("full_name").asString())
				.isEqualTo("Ana Lúcia");
		JsonNode history = api.read(sync + "phone-numbers/" + phone + "/history-sync");
		assertThat(history.path("state").asString()).isEqualTo("complete");
		assertThat(history.path("progress").asInt()).isEqualTo(100);
		JsonNode historyThread = api.read(sync + "conversations/" + phone + ":5511911111111/messages");
		assertThat(historyThread.path("items").valueStream().map(m -> m.path("origin").asString() + ": "
				+ m.path("content").path("body").asString()))
				.containsExactly("history: tem sim!", "history: bom dia, tem pão?", "history: obrigada");

		// tenant-b, a tenant of the same product, sees none of it
		assertThat(otherTenant.get(sync + "conversations/" + phone + ":" + walked.user() + "/messages").status()).isEqualTo(404);
		assertThat(otherTenant.get(sync + "phone-numbers/" + phone + "/contacts").status()).isEqualTo(404);
		assertThat(otherTenant.get(sender + walked.replyCommand()).status()).isEqualTo(404);
	}

	/** The one item of a page whose field has the value. */
	static JsonNode item(JsonNode page, String field, String value) {
		List<JsonNode> matching = page.path("items").valueStream().filter(i -> value.equals(i.path(field).asString()))
				.toList();
		assertThat(matching).as("items with %s = %s in %s", field, value, page).hasSize(1);
		return matching.get(0);
	}
}
