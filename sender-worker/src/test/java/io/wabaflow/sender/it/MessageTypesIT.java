package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendState;
import tools.jackson.databind.JsonNode;

/**
 * Every message type the issue lists, and every interactive kind Meta documents, goes through the worker and is
 * accepted by the sandbox.
 */
class MessageTypesIT extends SenderScenario {

	@Test
	void everyTypeIsSentAndAcceptedByTheSandbox() throws Exception {
		TestNumber number = cloudNumber(null);
		approvedTemplate(number, "pedido_confirmado", "pt_BR", "UTILITY", "Seu pedido {{1}} foi confirmado");
		String user = newUser();
		userWrites(number, user, "Oi, quero ver o catálogo");
		String phone = number.phoneNumberId();
		String userMessage = lastInboundWamid(number, user);

		List<SendMessage> commands = new ArrayList<>(List.of(
				command(phone, user, MessageType.TEXT, "{\"body\":\"Veja https://example.com\",\"preview_url\":true}"),
				command(phone, user, MessageType.IMAGE, "{\"link\":\"https://example.com/a.jpg\",\"caption\":\"foto\"}"),
				command(phone, user, MessageType.IMAGE, "{\"id\":\"1234567890\"}"),
				command(phone, user, MessageType.DOCUMENT,
						"{\"link\":\"https://example.com/m.pdf\",\"filename\":\"manual.pdf\",\"caption\":\"manual\"}"),
				command(phone, user, MessageType.AUDIO, "{\"id\":\"998877\"}"),
				command(phone, user, MessageType.VIDEO, "{\"link\":\"https://example.com/v.mp4\",\"caption\":\"vídeo\"}"),
				command(phone, user, MessageType.STICKER, "{\"id\":\"556677\"}"),
				command(phone, user, MessageType.STICKER, "{\"link\":\"https://example.com/s.webp\"}"),
				command(phone, user, MessageType.LOCATION,
						"{\"latitude\":-23.5505,\"longitude\":-46.6333,\"name\":\"Loja\",\"address\":\"Av. Paulista\"}"),
				command(phone, user, MessageType.CONTACTS,
						"[{\"name\":{\"formatted_name\":\"Ana Souza\",\"first_name\":\"Ana\"},"
								+ "\"phones\":[{\"phone\":\"+5511912345678\",\"type\":\"CELL\"}]}]"),
				command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"button\",\"body\":{\"text\":\"Confirma?\"},"
						+ "\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"yes\",\"title\":\"Sim\"}},"
						+ "{\"type\":\"reply\",\"reply\":{\"id\":\"no\",\"title\":\"Não\"}}]}}"),
				command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"list\",\"body\":{\"text\":\"Escolha\"},"
						+ "\"action\":{\"button\":\"Opções\",\"sections\":[{\"title\":\"Pães\",\"rows\":["
						+ "{\"id\":\"p1\",\"title\":\"Francês\",\"description\":\"quentinho\"}]}]}}"),
				command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"cta_url\",\"header\":{\"type\":\"text\","
						+ "\"text\":\"Oficinas\"},\"body\":{\"text\":\"Veja as datas\"},\"footer\":{\"text\":\"Sujeito a mudança\"},"
						+ "\"action\":{\"name\":\"cta_url\",\"parameters\":{\"display_text\":\"Ver datas\","
						+ "\"url\":\"https://example.com/datas\"}}}"),
				command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"flow\",\"body\":{\"text\":\"Agende sua visita\"},"
						+ "\"action\":{\"name\":\"flow\",\"parameters\":{\"flow_message_version\":\"3\",\"flow_token\":\"t-42\","
						+ "\"flow_id\":\"1234567890\",\"flow_cta\":\"Agendar\",\"flow_action\":\"navigate\","
						+ "\"flow_action_payload\":{\"screen\":\"AGENDA\",\"data\":{\"loja\":\"Paulista\"}}}}}"),
				command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"product\",\"body\":{\"text\":\"Nosso pão\"},"
						+ "\"action\":{\"catalog_id\":\"194836987003835\",\"product_retailer_id\":\"pao-frances\"}}"),
				command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"product_list\",\"header\":{\"type\":\"text\","
						+ "\"text\":\"Padaria\"},\"body\":{\"text\":\"Escolha\"},\"action\":{\"catalog_id\":\"194836987003835\","
						+ "\"sections\":[{\"title\":\"Pães\",\"product_items\":[{\"product_retailer_id\":\"pao-frances\"}]},"
						+ "{\"title\":\"Doces\",\"product_items\":[{\"product_retailer_id\":\"sonho\"}]}]}}"),
				command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"catalog_message\",\"body\":{\"text\":\"Nosso catálogo\"},"
						+ "\"action\":{\"name\":\"catalog_message\",\"parameters\":{\"thumbnail_product_retailer_id\":\"sonho\"}}}"),
				command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"location_request_message\","
						+ "\"body\":{\"text\":\"Onde entregamos?\"},\"action\":{\"name\":\"send_location\"}}"),
				command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"address_message\",\"body\":{\"text\":\"Qual o endereço?\"},"
						+ "\"action\":{\"name\":\"address_message\",\"parameters\":{\"country\":\"IN\"}}}"),
				command(phone, user, MessageType.REACTION, "{\"message_id\":\"" + userMessage + "\",\"emoji\":\"👍\"}"),
				command(phone, user, MessageType.TEMPLATE, "{\"name\":\"pedido_confirmado\",\"language\":{\"code\":\"pt_BR\"},"
						+ "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"123\"}]}]}"),
				command(phone, user, MessageType.MARK_READ, "{\"message_id\":\"" + userMessage
						+ "\",\"typing_indicator\":{\"type\":\"text\"}}")));
		SendMessage reply = SendMessage.newBuilder(text(phone, user, "Respondendo")).setReplyTo(userMessage)
				.setBizOpaqueCallbackData("pedido-42").build();
		commands.add(reply);

		send(commands.toArray(SendMessage[]::new));

		for (SendMessage command : commands) {
			Send row = awaitState(command.getCommandId(), SendState.SENT, SendState.FAILED, SendState.REJECTED);
			assertThat(row.state()).as(command.getType() + " " + command.getContentJson() + " → " + row)
					.isEqualTo(SendState.SENT);
			if (command.getType() != MessageType.MARK_READ) {
				assertThat(row.wamid()).startsWith("wamid.");
			}
		}
		// what the sandbox received: one accepted message per command (mark-as-read is not a message)
		List<JsonNode> sent = accepted(phone);
		assertThat(sent).hasSize(commands.size() - 1);
		JsonNode replied = sent.stream().filter(m -> m.path("request").path("context").has("message_id")).findFirst()
				.orElseThrow();
		assertThat(replied.path("request").path("context").path("message_id").asString()).isEqualTo(userMessage);
		assertThat(replied.path("request").path("biz_opaque_callback_data").asString()).isEqualTo("pedido-42");

		// the lifecycle on the topics: accepted, then sent with the wamid, and the command's result
		await().atMost(SETTLED).until(() -> commands.stream().allMatch(c -> tap().results(c.getCommandId()).size() > 0));
		for (SendMessage command : commands) {
			List<MessageEvent> events = tap().events(command.getCommandId());
			assertThat(events).extracting(MessageEvent::getStatus).containsExactly(OutboundStatus.ACCEPTED,
					OutboundStatus.SENT);
			assertThat(events.get(1).getContentJson()).isEqualTo(command.getContentJson());
			assertThat(events.get(1).getSender()).isEqualTo("AGENT");
			CommandResult result = tap().results(command.getCommandId()).get(0);
			assertThat(result.getOutcome()).isEqualTo(CommandOutcome.OK);
			assertThat(result.getHttpStatus()).isEqualTo(200);
		}
		Map<String, Object> view = getMessage(reply.getCommandId());
		assertThat(view).containsEntry("state", "sent").containsEntry("type", "text").containsEntry("reply_to", userMessage);
		assertThat((String) view.get("wamid")).startsWith("wamid.");
	}

	@Test
	void invalidContentIsRejectedWithTheReasonWithoutACall() {
		TestNumber number = cloudNumber(null);
		String user = newUser();
		String phone = number.phoneNumberId();
		SendMessage fourButtons = command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"button\",\"body\":{\"text\":\"?\"},"
				+ "\"action\":{\"buttons\":[" + button("a") + "," + button("b") + "," + button("c") + "," + button("d") + "]}}");
		SendMessage tooLong = text(phone, user, "x".repeat(4097));
		SendMessage noMedia = command(phone, user, MessageType.IMAGE, "{\"caption\":\"sem mídia\"}");
		SendMessage longFlowCta = command(phone, user, MessageType.INTERACTIVE, "{\"type\":\"flow\",\"body\":{\"text\":\"?\"},"
				+ "\"action\":{\"name\":\"flow\",\"parameters\":{\"flow_message_version\":\"3\",\"flow_id\":\"1\","
				+ "\"flow_cta\":\"" + "c".repeat(31) + "\"}}}");
		// named by a tenant that does have numbers, just not this one
		SendMessage unknownNumber = SendMessage.newBuilder(template("999000111", user)).setTenantId(number.tenant())
				.build();

		send(fourButtons, tooLong, noMedia, longFlowCta, unknownNumber);

		for (SendMessage invalid : List.of(fourButtons, tooLong, noMedia, longFlowCta)) {
			Send row = awaitState(invalid.getCommandId(), SendState.REJECTED);
			assertThat(row.reason()).isEqualTo("INVALID_CONTENT");
			assertThat(row.errorDetails()).isNotBlank();
		}
		assertThat(awaitState(fourButtons.getCommandId(), SendState.REJECTED).errorDetails()).contains("buttons");
		assertThat(awaitState(longFlowCta.getCommandId(), SendState.REJECTED).errorDetails())
				.contains("content.action.parameters.flow_cta");
		assertThat(awaitState(unknownNumber.getCommandId(), SendState.REJECTED).reason()).isEqualTo("UNKNOWN_NUMBER");
		await().atMost(SETTLED).until(() -> !tap().results(noMedia.getCommandId()).isEmpty());
		CommandResult result = tap().results(tooLong.getCommandId()).get(0);
		assertThat(result.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
		assertThat(result.getHttpStatus()).isEqualTo(400);
		assertThat(result.getErrorCode()).isEqualTo("INVALID_CONTENT");
		assertThat(tap().events(tooLong.getCommandId())).extracting(MessageEvent::getStatus)
				.containsExactly(OutboundStatus.REJECTED);
		assertThat(messageCalls(phone)).isEmpty();
		assertThat(getMessage(noMedia.getCommandId())).containsEntry("state", "rejected")
				.containsEntry("reason", "INVALID_CONTENT");
	}

	private static String button(String id) {
		return "{\"type\":\"reply\",\"reply\":{\"id\":\"" + id + "\",\"title\":\"" + id + "\"}}";
	}

	private static String lastInboundWamid(TestNumber number, String user) {
		return WEBHOOKS.accepted("messages").stream().map(r -> r.value().path("messages").path(0))
				.filter(m -> user.equals(m.path("from").asString())).reduce((a, b) -> b).orElseThrow().path("id")
				.asString();
	}
}
