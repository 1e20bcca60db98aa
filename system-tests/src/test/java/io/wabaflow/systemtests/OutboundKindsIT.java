package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * Every interactive kind Meta documents, from the HTTP command API to Meta (the sandbox) through the real ingress,
 * broker and sender: each answered OK with the sender's outcome and received by Meta once with its kind; a broken one
 * is refused at the door naming the rule.
 */
@ExtendWith(SharedStack.class)
class OutboundKindsIT {

	private static final List<String> KINDS = List.of("""
			{"type":"cta_url","body":{"text":"Veja as datas"},"action":{"name":"cta_url",
			 "parameters":{"display_text":"Ver datas","url":"https://example.com/datas"}}}""", """
			{"type":"flow","body":{"text":"Agende"},"action":{"name":"flow","parameters":{"flow_message_version":"3",
			 "flow_id":"1234567890","flow_cta":"Agendar","flow_action":"navigate","flow_action_payload":{"screen":"AGENDA"}}}}""",
			"""
			{"type":"product","action":{"catalog_id":"194836987003835","product_retailer_id":"pao-frances"}}""", """
			{"type":"product_list","header":{"type":"text","text":"Padaria"},"body":{"text":"Escolha"},
			 "action":{"catalog_id":"194836987003835","sections":[{"title":"Pães",
			 "product_items":[{"product_retailer_id":"pao-frances"}]}]}}""", """
			{"type":"catalog_message","body":{"text":"Nosso catálogo"},"action":{"name":"catalog_message"}}""", """
			{"type":"location_request_message","body":{"text":"Onde entregamos?"},"action":{"name":"send_location"}}""", """
			{"type":"address_message","body":{"text":"Qual o endereço?"},"action":{"name":"address_message",
			 "parameters":{"country":"IN"}}}""", """
			{"type":"request_contact_info","body":{"text":"Seu telefone?"},"action":{"name":"request_contact_info"}}""");

	@Test
	void everyInteractiveKindGoesFromTheHttpApiToMeta(SystemStack stack) {
		World world = new World(stack);
		String phone = world.onboardedNumber("Vitrine Ltda");
		String user = "5541966660001";
		stack.scenario().injectText(phone, user, "Oi, o que vocês têm?");
		// interactive messages need the customer service window: open once the sender consumed the user's message
		await("the window open").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
				.until(() -> world.sendTextAndWait(phone, user, "Olá!").path("outcome").asString(), "OK"::equals);

		for (String content : KINDS) {
			JsonNode answer = world.sendAndWait(phone, user, "interactive", content);
			assertThat(answer.path("outcome").asString()).as("%s → %s", content, answer).isEqualTo("OK");
		}
		List<String> received = world.receivedByMeta(phone).stream()
				.map(m -> m.path("request").path("interactive").path("type").asString(""))
				.filter(type -> !type.isEmpty()).toList();
		assertThat(received).containsExactly("cta_url", "flow", "product", "product_list", "catalog_message",
				"location_request_message", "address_message", "request_contact_info");

		JsonNode refused = world.sendAndWait(phone, user, "interactive", """
				{"type":"address_message","body":{"text":"?"},"action":{"name":"address_message","parameters":{}}}""");
		assertThat(refused.path("status").asInt()).isEqualTo(400);
		assertThat(refused.toString()).contains("content.action.parameters.country");
	}
}
