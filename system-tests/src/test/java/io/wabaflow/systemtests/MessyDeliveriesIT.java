package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wabaflow.sandbox.ScenarioClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same webhooks twice, to two numbers: once clean (each delivered once, in order), once messy (shuffled,
 * many delivered two or three times, some batched into one POST by the sandbox, some held back and released out of
 * order). The sync worker's read API must then show the two numbers identically: every projection is a function
 * of the set of events, not of their order or their number of deliveries.
 */
@ExtendWith(SharedStack.class)
class MessyDeliveriesIT {

	/** One change of the script: a webhook field and its value, {@code PHONE} standing for the number's id. */
	record Change(String field, String value) {
	}

	private static final String DISPLAY = "551140000000";

	@Test
	void duplicatedAndReorderedDeliveriesGiveTheSameProjectionsAsACleanRun(SystemStack stack) {
		World world = new World(stack);
		ScenarioClient scenario = stack.scenario();
		List<Change> script = script(Instant.now().minus(Duration.ofHours(2)).getEpochSecond());

		String[] clean = number(scenario, "clean-run");
		script.forEach(change -> deliver(scenario, clean, change));
		world.awaitDelivered(clean[1], script.size(), Duration.ofMinutes(1));

		String[] messy = number(scenario, "messy-run");
		List<Change> shuffled = messyOrder(script, new Random(20261122));
		scenario.post("/delivery-chaos", Map.of("effect", "duplicate", "count", 10, "probability", 0.5));
		scenario.post("/delivery-chaos", Map.of("effect", "reorder", "count", 6, "order", "shuffle"));
		scenario.post("/delivery-chaos", Map.of("effect", "batch", "count", 4));
		shuffled.forEach(change -> deliver(scenario, messy, change));
		world.awaitDelivered(messy[1], shuffled.size(), Duration.ofMinutes(1));
		stack.awaitSyncCaughtUp(Duration.ofMinutes(1));

		String expected = projection(world, clean[1]);
		assertThat(expected).contains("Carla D.", "❤️", "respondi pelo app", "\"status\" : \"read\"", "131026",
				"foto antiga", "\"progress\" : 100");
		// identical, but for the number: eventually, should a last poll still be in flight
		await("the messy run projected like the clean one").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(projection(world, messy[1]))
						.isEqualTo(expected));
		List<JsonNode> deliveries = scenario.get("/deliveries?phoneNumberId=" + messy[1]).valueStream().toList();
		System.out.printf("Messy run: %d changes posted %d times, delivered as %d deliveries (%s)%n", script.size(),
				shuffled.size(), deliveries.size(),
				deliveries.stream().map(d -> d.path("chaos").asString()).filter(c -> !c.isEmpty()).toList());
	}

	/** {WABA id, phone number id}: a number whose WABA our app is subscribed to. */
	private static String[] number(ScenarioClient scenario, String name) {
		String waba = scenario.createWaba(scenario.createBusiness(name), true);
		return new String[] {waba, scenario.createCloudNumber(waba, "+55 11 4000-0000", true)};
	}

	private static void deliver(ScenarioClient scenario, String[] number, Change change) {
		JsonNode value = Api.JSON.readTree(change.value().replace("PHONE", number[1]));
		scenario.post("/webhooks", Map.of("field", change.field(), "wabaId", number[0], "phoneNumberId", number[1],
				"value", value));
	}

	/** The script shuffled, with about half its changes delivered a second time and a few a third time. */
	private static List<Change> messyOrder(List<Change> script, Random random) {
		List<Change> messy = new ArrayList<>(script);
		for (Change change : script) {
			if (random.nextBoolean()) {
				messy.add(change);
			}
			if (random.nextInt(5) == 0) {
				messy.add(change);
			}
		}
		Collections.shuffle(messy, random);
		return messy;
	}

	/**
	 * Everything the read API shows of a number: its conversations, every message of each (raw bodies included),
	 * its contacts and its history sync; the number's id replaced, and the times of arrival (when Wabaflow
	 * received a delivery, which differ between two runs by construction) left out.
	 */
	private static String projection(World world, String phone) {
		ObjectNode all = Api.JSON.createObjectNode();
		List<JsonNode> conversations = world.conversations(phone);
		all.putArray("conversations").addAll(conversations);
		ObjectNode messages = all.putObject("messages");
		conversations.forEach(c -> messages.putArray(c.path("id").asString()).addAll(world.messages(c.path("id").asString())));
		String sync = world.syncUrl() + "/api/v1/phone-numbers/" + phone;
		all.set("contacts", world.api(phone).read(sync + "/contacts?limit=200"));
		ObjectNode history = (ObjectNode) world.api(phone).read(sync + "/history-sync");
		history.path("phases").forEach(phase -> ((ObjectNode) phase).remove(List.of("first_received_at", "last_received_at")));
		all.set("history_sync", history);
		return Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all).replace(phone, "PHONE");
	}

	/**
	 * Two users and the business app: messages of several types, a reply, a reaction changed, statuses of an
	 * app reply including a failure, profile and address-book changes including a removal, history in two phases
	 * with a media placeholder and its follow-up. {@code t0}: the first message's time (epoch seconds).
	 */
	static List<Change> script(long t0) {
		String ana = "5511911110001";
		String bruno = "5511911110002";
		List<Change> script = new ArrayList<>();
		script.add(messages(inbound(ana, "Ana", "wamid.A1", t0, "\"type\":\"text\",\"text\":{\"body\":\"Oi, vocês abrem hoje?\"}")));
		script.add(messages(inbound(bruno, "Bruno", "wamid.B1", t0 + 60, "\"type\":\"text\",\"text\":{\"body\":\"Bom dia\"}")));
		script.add(messages(inbound(bruno, "Bruno", "wamid.B2", t0 + 120,
				"\"type\":\"image\",\"image\":{\"id\":\"media-1\",\"mime_type\":\"image/jpeg\",\"caption\":\"foto do pedido\"}")));
		script.add(new Change("smb_message_echoes", value("\"message_echoes\":[{\"from\":\"" + DISPLAY + "\",\"to\":\"" + ana
				+ "\",\"id\":\"wamid.E1\",\"timestamp\":\"" + (t0 + 150) + "\",\"type\":\"text\",\"text\":{\"body\":\"Abrimos às 8h!\"}}]")));
		script.add(messages(status("wamid.E1", "sent", t0 + 151, ana, "")));
		script.add(messages(status("wamid.E1", "delivered", t0 + 152, ana, "")));
		script.add(messages(status("wamid.E1", "read", t0 + 200, ana, "")));
		script.add(messages(inbound(ana, "Ana", "wamid.A2", t0 + 210,
				"\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.E1\",\"emoji\":\"👍\"}")));
		script.add(messages(inbound(ana, "Ana", "wamid.A3", t0 + 220,
				"\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.E1\",\"emoji\":\"❤️\"}")));
		script.add(messages(inbound(ana, "Ana Souza", "wamid.A4", t0 + 300,
				"\"context\":{\"from\":\"" + DISPLAY + "\",\"id\":\"wamid.E1\"},\"type\":\"text\",\"text\":{\"body\":\"Perfeito, obrigada\"}")));
		script.add(new Change("smb_message_echoes", value("\"message_echoes\":[{\"from\":\"" + DISPLAY + "\",\"to\":\"" + bruno
				+ "\",\"id\":\"wamid.E2\",\"timestamp\":\"" + (t0 + 400) + "\",\"type\":\"text\",\"text\":{\"body\":\"respondi pelo app\"}}]")));
		script.add(messages(status("wamid.E2", "sent", t0 + 401, bruno, "")));
		script.add(messages(status("wamid.E2", "failed", t0 + 402, bruno,
				",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\",\"error_data\":{\"details\":\"Message undeliverable\"}}]")));
		script.add(contactSync(contact("5511911110003", "Carla Dias", "Carla", "add", t0 + 500)
				+ "," + contact(ana, "Ana S.", "Ana", "add", t0 + 510)));
		script.add(contactSync(contact("5511911110004", "Dora", "Dora", "add", t0 + 520)));
		script.add(contactSync(contact("5511911110003", "Carla D.", "Carla", "add", t0 + 600)));
		script.add(contactSync("{\"type\":\"contact\",\"contact\":{\"phone_number\":\"5511911110004\"},\"action\":\"remove\","
				+ "\"metadata\":{\"timestamp\":\"" + (t0 + 620) + "\"}}"));
		script.add(history(0, 1, 50, "{\"id\":\"" + ana + "\",\"messages\":[" + historyText(ana, ana, "wamid.H1", t0 - 3_600, "ontem à noite", "READ")
				+ "," + historyText(DISPLAY, ana, "wamid.H2", t0 - 3_500, "boa noite!", "DELIVERED") + "]}"));
		script.add(history(1, 1, 100, "{\"id\":\"" + bruno + "\",\"messages\":[{\"from\":\"" + bruno + "\",\"id\":\"wamid.H3\","
				+ "\"timestamp\":\"" + (t0 - 5 * 86_400) + "\",\"type\":\"media_placeholder\",\"history_context\":{\"status\":\"READ\"}}]}"));
		script.add(new Change("history", value("\"messages\":[{\"from\":\"" + bruno + "\",\"id\":\"wamid.H3\",\"timestamp\":\""
				+ (t0 - 5 * 86_400) + "\",\"type\":\"image\",\"image\":{\"id\":\"media-2\",\"mime_type\":\"image/jpeg\",\"caption\":\"foto antiga\"}}]")));
		script.add(messages(inbound(bruno, "Bruno", "wamid.B3", t0 + 700, "\"type\":\"text\",\"text\":{\"body\":\"Até amanhã\"}")));
		return script;
	}

	private static String value(String fields) {
		return "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"" + DISPLAY
				+ "\",\"phone_number_id\":\"PHONE\"}," + fields + "}";
	}

	private static Change messages(String fields) {
		return new Change("messages", value(fields));
	}

	private static String inbound(String from, String name, String wamid, long at, String body) {
		return "\"contacts\":[{\"profile\":{\"name\":\"" + name + "\"},\"wa_id\":\"" + from + "\"}],\"messages\":[{\"from\":\""
				+ from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + at + "\"," + body + "}]";
	}

	private static String status(String wamid, String status, long at, String recipient, String more) {
		return "\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + at
				+ "\",\"recipient_id\":\"" + recipient + "\"" + more + "}]";
	}

	private static Change contactSync(String entries) {
		return new Change("smb_app_state_sync", value("\"state_sync\":[" + entries + "]"));
	}

	private static String contact(String phone, String fullName, String firstName, String action, long at) {
		return "{\"type\":\"contact\",\"contact\":{\"full_name\":\"" + fullName + "\",\"first_name\":\"" + firstName
				+ "\",\"phone_number\":\"" + phone + "\"},\"action\":\"" + action + "\",\"metadata\":{\"timestamp\":\"" + at + "\"}}";
	}

	private static Change history(int phase, int chunk, int progress, String threads) {
		return new Change("history", value("\"history\":[{\"metadata\":{\"phase\":" + phase + ",\"chunk_order\":" + chunk
				+ ",\"progress\":" + progress + "},\"threads\":[" + threads + "]}]"));
	}

	private static String historyText(String from, String user, String wamid, long at, String text, String status) {
		return "{\"from\":\"" + from + "\"," + (from.equals(user) ? "" : "\"to\":\"" + user + "\",") + "\"id\":\"" + wamid
				+ "\",\"timestamp\":\"" + at + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text
				+ "\"},\"history_context\":{\"status\":\"" + status + "\"}}";
	}
}
