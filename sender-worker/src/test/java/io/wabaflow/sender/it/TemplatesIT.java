package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import io.wabaflow.sandbox.WebhookRecorder;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.schemas.template.TemplateAction;
import io.wabaflow.schemas.template.TemplateCommand;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The template catalogue against the sandbox's template API and its webhooks: a template created through the
 * sender is reviewed by Meta (APPROVED by webhook), checked before every send (an unknown name or a wrong number of
 * parameters never reaches Meta), paused by a webhook, deleted; marketing templates are refused to a user who
 * stopped them, authentication templates to a business-scoped user id.
 */
class TemplatesIT extends SenderScenario {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RestClient tenantA;


	@BeforeEach
	void tenantAClient() {
		tenantA = RestClient.builder().baseUrl("http://localhost:" + port)
				.defaultHeader("Authorization", "Bearer " + TENANT_A_KEY).build();
	}

	@Test
	void aCreatedTemplateIsApprovedByWebhookCheckedBeforeEverySendPausedAndDeleted() throws Exception {
		TestNumber number = cloudNumber(null, TENANT_A);
		String phone = number.phoneNumberId();
		String waba = number.wabaId();
		// the catalogue is read from Meta as soon as the number is known: Meta's sample template is in it
		JsonNode catalogue = await().atMost(SETTLED).until(() -> catalogue(waba, ""),
				c -> !c.path("synced_at").isNull() && !c.path("synced_at").isMissingNode());
		assertThat(names(catalogue)).contains("hello_world");

		JsonNode created = JSON.readTree(tenantA.post().uri("/api/v1/wabas/{waba}/templates", waba)
				.header("Content-Type", "application/json").body("""
						{"name":"order_update","language":"en_US","category":"UTILITY","components":[
						 {"type":"BODY","text":"Order {{1}} ships on {{2}} to {{3}}"}]}""").retrieve().body(String.class));
		assertThat(created.path("status").asString()).isEqualTo("PENDING");
		assertThat(created.path("template_id").asString()).isNotBlank();

		// Meta's review ends in a webhook: the catalogue follows it
		forwardTemplateWebhook("order_update", "APPROVED");
		await().atMost(SETTLED).until(() -> status(waba, "order_update"), "APPROVED"::equals);

		SendMessage twoForThree = orderUpdate(phone, newUser(), 2);
		SendMessage misspelt = command(phone, newUser(), MessageType.TEMPLATE,
				"{\"name\":\"order_updat\",\"language\":{\"code\":\"en_US\"}}");
		SendMessage wrongLanguage = command(phone, newUser(), MessageType.TEMPLATE,
				"{\"name\":\"order_update\",\"language\":{\"code\":\"pt_BR\"}}");
		SendMessage right = orderUpdate(phone, newUser(), 3);
		send(twoForThree, misspelt, wrongLanguage, right);
		Send parameters = awaitState(twoForThree.getCommandId(), SendState.REJECTED);
		assertThat(parameters.reason()).isEqualTo("TEMPLATE_PARAMETERS");
		assertThat(parameters.errorDetails()).contains("body has 3 parameters but the command gives 2");
		Send unknown = awaitState(misspelt.getCommandId(), SendState.REJECTED);
		assertThat(unknown.reason()).isEqualTo("TEMPLATE_UNKNOWN");
		assertThat(unknown.errorDetails()).contains("no template of that name");
		assertThat(awaitState(wrongLanguage.getCommandId(), SendState.REJECTED).errorDetails())
				.contains("it exists in en_US");
		assertThat(awaitState(right.getCommandId(), SendState.SENT).wamid()).startsWith("wamid.");
		assertThat(messageCalls(phone)).as("only the right send reached Meta").hasSize(1);

		// Meta pauses it for low quality: sends are refused until it lifts the pause
		SCENARIO.put("/wabas/" + waba + "/templates/order_update/en_US/status", Map.of("status", "PAUSED"));
		forwardTemplateWebhook("order_update", "PAUSED");
		await().atMost(SETTLED).until(() -> status(waba, "order_update"), "PAUSED"::equals);
		SendMessage whilePaused = orderUpdate(phone, newUser(), 3);
		send(whilePaused);
		assertThat(awaitState(whilePaused.getCommandId(), SendState.REJECTED).reason()).isEqualTo("TEMPLATE_PAUSED");
		assertThat(messageCalls(phone)).hasSize(1);

		// deleted at Meta and in the catalogue
		assertThat(tenantA.delete().uri("/api/v1/wabas/{waba}/templates/order_update", waba).retrieve().toBodilessEntity()
				.getStatusCode().value()).isEqualTo(204);
		assertThat(names(catalogue(waba, "?name=order_update"))).isEmpty();
		assertThat(SCENARIO.get("/templates").toString()).doesNotContain("order_update");
	}

	@Test
	void aTemplateIsCreatedAndDeletedByCommandsOnKafkaEachCarriedOutOnce() throws Exception {
		TestNumber number = cloudNumber(null, TENANT_A);
		String waba = number.wabaId();
		await().atMost(SETTLED).until(() -> catalogue(waba, ""),
				c -> !c.path("synced_at").isNull() && !c.path("synced_at").isMissingNode());
		TemplateCommand create = templateCommand(TENANT_A, waba, TemplateAction.CREATE, "shipping_notice", """
				{"name":"shipping_notice","language":"pt_BR","category":"UTILITY","components":[
				 {"type":"BODY","text":"Seu pedido {{1}} saiu para entrega"}]}""");
		produceAll(List.of(templateRecord(create), templateRecord(create))); // Kafka delivers it twice at once
		await().atMost(SETTLED).until(() -> tap().results(create.getCommandId()), results -> !results.isEmpty());
		produceAll(List.of(templateRecord(create))); // and once more, later (a replay)

		List<CommandResult> created = await().atMost(SETTLED).until(() -> tap().results(create.getCommandId()),
				results -> results.size() >= 2);
		assertThat(created).extracting(CommandResult::getOutcome).containsOnly(CommandOutcome.OK);
		assertThat(created).extracting(CommandResult::getDataJson).as("the same outcome every time")
				.allMatch(data -> data.equals(created.get(0).getDataJson()));
		JsonNode data = JSON.readTree(created.get(0).getDataJson());
		assertThat(data.path("status").asString()).isEqualTo("PENDING");
		assertThat(data.path("template_id").asString()).isNotBlank();
		assertThat(SCENARIO.calls("message_templates").valueStream().filter(call -> "POST".equals(call.path("method")
				.asString()) && waba.equals(call.path("nodeId").asString())).count()).as("created at Meta once").isEqualTo(1);
		assertThat(status(waba, "shipping_notice")).isEqualTo("PENDING");
		forwardTemplateWebhook("shipping_notice", "APPROVED");
		await().atMost(SETTLED).until(() -> status(waba, "shipping_notice"), "APPROVED"::equals);

		// refused before Meta: another tenant's WABA (as an unknown one), no tenant, a body without a BODY
		assertThat(awaitResult(templateCommand(TENANT_B, waba, TemplateAction.DELETE, "shipping_notice", null)))
				.satisfies(r -> assertThat(r.getErrorCode()).isEqualTo("NOT_FOUND"))
				.satisfies(r -> assertThat(r.getHttpStatus()).isEqualTo(404));
		assertThat(awaitResult(templateCommand(null, waba, TemplateAction.DELETE, "shipping_notice", null)).getErrorCode())
				.isEqualTo("TENANT_REQUIRED");
		CommandResult invalid = awaitResult(templateCommand(TENANT_A, waba, TemplateAction.CREATE, "no_body", """
				{"name":"no_body","language":"en_US","category":"UTILITY","components":[]}"""));
		assertThat(invalid.getHttpStatus()).isEqualTo(400);
		assertThat(invalid.getMessage()).contains("exactly one BODY component");
		assertThat(status(waba, "shipping_notice")).as("still there").isEqualTo("APPROVED");

		CommandResult deleted = awaitResult(templateCommand(TENANT_A, waba, TemplateAction.DELETE, "shipping_notice", null));
		assertThat(deleted.getOutcome()).isEqualTo(CommandOutcome.OK);
		assertThat(status(waba, "shipping_notice")).as("gone from the catalogue").isNull();
	}

	private CommandResult awaitResult(TemplateCommand command) {
		produceAll(List.of(templateRecord(command)));
		return await().atMost(SETTLED).until(() -> tap().results(command.getCommandId()), results -> !results.isEmpty())
				.get(0);
	}

	private static TemplateCommand templateCommand(String tenant, String waba, TemplateAction action, String name,
			String templateJson) {
		return TemplateCommand.newBuilder().setCommandId("tpl-" + UUID.randomUUID()).setTenantId(tenant).setWabaId(waba)
				.setAction(action).setName(name).setTemplateJson(templateJson).setIssuedAt(Instant.now()).build();
	}

	private static ProducerRecord<String, SpecificRecord> templateRecord(TemplateCommand command) {
		return new ProducerRecord<>(Topics.TEMPLATE_COMMANDS.name(), command.getWabaId(), command);
	}

	@Test
	void aMarketingTemplateToAUserWhoStoppedMarketingIsRejectedWithoutAGraphCall() throws Exception {
		TestNumber number = cloudNumber(null, TENANT_A);
		String phone = number.phoneNumberId();
		String waba = number.wabaId();
		approvedTemplate(number, "weekend_sale", "en_US", "MARKETING", "Sale!");
		String user = newUser();

		preference(number, user, "stop", Instant.now().getEpochSecond());
		SendMessage promotion = command(phone, user, MessageType.TEMPLATE,
				"{\"name\":\"weekend_sale\",\"language\":{\"code\":\"en_US\"}}");
		SendMessage utility = template(phone, user);
		SendMessage toSomeoneElse = command(phone, newUser(), MessageType.TEMPLATE,
				"{\"name\":\"weekend_sale\",\"language\":{\"code\":\"en_US\"}}");
		send(promotion, utility, toSomeoneElse);
		Send refused = awaitState(promotion.getCommandId(), SendState.REJECTED);
		assertThat(refused.reason()).isEqualTo("MARKETING_OPTED_OUT");
		assertThat(refused.errorDetails()).contains("stopped marketing messages");
		assertThat(awaitState(utility.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
		assertThat(awaitState(toSomeoneElse.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
		assertThat(messageCalls(phone)).hasSize(2);

		// the user resumes marketing (a later preference): the next promotion goes out
		preference(number, user, "resume", Instant.now().getEpochSecond() + 60);
		SendMessage again = command(phone, user, MessageType.TEMPLATE,
				"{\"name\":\"weekend_sale\",\"language\":{\"code\":\"en_US\"}}");
		send(again);
		assertThat(awaitState(again.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
	}

	@Test
	void anAuthenticationTemplateGoesOnlyToAPhone() throws Exception {
		TestNumber number = cloudNumber(null, TENANT_A);
		String phone = number.phoneNumberId();
		String waba = number.wabaId();
		approvedTemplate(number, "login_code", "en_US", "AUTHENTICATION", "{{1}} is your verification code.");
		String code = "{\"name\":\"login_code\",\"language\":{\"code\":\"en_US\"},"
				+ "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"123456\"}]}]}";

		SendMessage toBsuid = command(phone, "US.13491208655302741918", MessageType.TEMPLATE, code);
		SendMessage toPhone = command(phone, newUser(), MessageType.TEMPLATE, code);
		send(toBsuid, toPhone);
		Send refused = awaitState(toBsuid.getCommandId(), SendState.REJECTED);
		assertThat(refused.reason()).isEqualTo("TEMPLATE_NEEDS_PHONE");
		assertThat(refused.errorDetails()).contains("only to a phone number");
		assertThat(awaitState(toPhone.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
		assertThat(messageCalls(phone)).hasSize(1);
	}

	@Test
	void aTemplateWithARequestContactInfoButtonAsksABsuidOnlyUserForTheirPhone() throws Exception {
		TestNumber number = cloudNumber(null, TENANT_A);
		String waba = number.wabaId();
		assertThat(status(tenantA.post().uri("/api/v1/wabas/{waba}/templates", waba).header("Content-Type",
				"application/json").body("""
						{"name":"verify_me","language":"en_US","category":"UTILITY","components":[
						 {"type":"BODY","text":"To finish your order, share your phone number."},
						 {"type":"BUTTONS","buttons":[{"type":"REQUEST_CONTACT_INFO"}]}]}""")).value()).isEqualTo(201);
		forwardTemplateWebhook("verify_me", "APPROVED");
		await().atMost(SETTLED).until(() -> status(waba, "verify_me"), "APPROVED"::equals);

		// a username user the business knows by business-scoped user id only
		String bsuid = SCENARIO.injectTextFromUsernameUser(number.phoneNumberId(), newUser(), "so.privado", "Oi").userId();
		SendMessage ask = command(number.phoneNumberId(), bsuid, MessageType.TEMPLATE,
				"{\"name\":\"verify_me\",\"language\":{\"code\":\"en_US\"}}");
		send(ask);
		assertThat(awaitState(ask.getCommandId(), SendState.SENT).state()).isEqualTo(SendState.SENT);
		JsonNode sent = accepted(number.phoneNumberId()).get(0).path("request");
		assertThat(sent.path("recipient").asString()).isEqualTo(bsuid);
		assertThat(sent.path("template").path("name").asString()).isEqualTo("verify_me");

		// not in an authentication template (Meta allows the button in marketing and utility templates only)
		assertThat(status(tenantA.post().uri("/api/v1/wabas/{waba}/templates", waba).header("Content-Type",
				"application/json").body("""
						{"name":"code_and_ask","language":"en_US","category":"AUTHENTICATION","components":[
						 {"type":"BODY","text":"{{1}} is your code."},
						 {"type":"BUTTONS","buttons":[{"type":"REQUEST_CONTACT_INFO"}]}]}""")).value()).isEqualTo(400);
	}

	private static HttpStatusCode status(RestClient.RequestBodySpec request) {
		return request.exchange((req, response) -> response.getStatusCode());
	}

	@Test
	void aBadTemplateIsRefusedWithAProblemThatNamesTheField() {
		TestNumber number = cloudNumber(null, TENANT_A);
		HttpStatusCode[] status = new HttpStatusCode[1];
		String body = tenantA.post().uri("/api/v1/wabas/{waba}/templates", number.wabaId())
				.header("Content-Type", "application/json")
				.body("{\"name\":\"Order Update\",\"language\":\"en_US\",\"category\":\"UTILITY\",\"components\":[]}")
				.exchange((request, response) -> {
					status[0] = response.getStatusCode();
					return new String(response.getBody().readAllBytes());
				});
		assertThat(status[0].value()).isEqualTo(400);
		assertThat(body).contains("name is required: lower-case letters");
	}

	private SendMessage orderUpdate(String phone, String to, int parameters) {
		StringBuilder given = new StringBuilder();
		for (int i = 0; i < parameters; i++) {
			given.append(i == 0 ? "" : ",").append("{\"type\":\"text\",\"text\":\"p").append(i).append("\"}");
		}
		return command(phone, to, MessageType.TEMPLATE, "{\"name\":\"order_update\",\"language\":{\"code\":\"en_US\"},"
				+ "\"components\":[{\"type\":\"body\",\"parameters\":[" + given + "]}]}");
	}

	private JsonNode catalogue(String waba, String query) {
		return JSON.readTree(tenantA.get().uri("/api/v1/wabas/" + waba + "/templates" + query).retrieve().body(String.class));
	}

	private String status(String waba, String name) {
		JsonNode templates = catalogue(waba, "?name=" + name).path("templates");
		return templates.isEmpty() ? null : templates.get(0).path("status").asString();
	}

	private static List<String> names(JsonNode catalogue) {
		return catalogue.path("templates").valueStream().map(t -> t.path("name").asString()).toList();
	}

	/** The sandbox's template status webhook (what Meta sends after a review or a pause), onto our topic. */
	static void forwardTemplateWebhook(String name, String event) throws Exception {
		WebhookRecorder.Received received = await().atMost(SETTLED).until(() -> WEBHOOKS
				.accepted("message_template_status_update").stream()
				.filter(r -> r.body().contains("\"" + name + "\"") && r.body().contains("\"" + event + "\"")).findFirst()
				.orElse(null), r -> r != null);
		forward(received.rawBody());
	}

	/**
	 * The user's marketing preference, as Meta's user_preferences webhook, through the sandbox onto our topic; returns
	 * once the worker has recorded it.
	 */
	private void preference(TestNumber number, String user, String value, long timestamp) throws Exception {
		SCENARIO.post("/webhooks", Map.of("field", "user_preferences", "wabaId", number.wabaId(), "phoneNumberId",
				number.phoneNumberId(), "value", Map.of("messaging_product", "whatsapp", "metadata",
						Map.of("display_phone_number", "15550000000", "phone_number_id", number.phoneNumberId()),
						"contacts", List.of(Map.of("wa_id", user)), "user_preferences",
						List.of(Map.of("wa_id", user, "detail", "User requested to " + value + " marketing messages",
								"category", "marketing_messages", "value", value, "timestamp", timestamp)))));
		WebhookRecorder.Received received = await().atMost(SETTLED).until(() -> WEBHOOKS.accepted("user_preferences")
				.stream().filter(r -> r.body().contains(user) && r.body().contains("\"" + value + "\"")).findFirst()
				.orElse(null), r -> r != null);
		forward(received.rawBody());
		boolean optedOut = "stop".equals(value);
		await().atMost(SETTLED).until(() -> jdbi.withHandle(handle -> handle.createQuery(
				"SELECT count(*) FROM marketing_preferences WHERE user_key = :user AND opted_out = :out")
				.bind("user", user).bind("out", optedOut).mapTo(Integer.class).one()) == 1);
	}
}
