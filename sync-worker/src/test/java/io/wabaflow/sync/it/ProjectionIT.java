package io.wabaflow.sync.it;

import static io.wabaflow.sync.SyncFixtures.failedStatus;
import static io.wabaflow.sync.SyncFixtures.historyChunk;
import static io.wabaflow.sync.SyncFixtures.historyDeclined;
import static io.wabaflow.sync.SyncFixtures.historyMedia;
import static io.wabaflow.sync.SyncFixtures.inboundText;
import static io.wabaflow.sync.SyncFixtures.outbound;
import static io.wabaflow.sync.SyncFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.wabaflow.platform.kafka.DeadLetters;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.sync.SyncFixtures;
import io.wabaflow.sync.SyncFixtures.HistoryMessage;
import io.wabaflow.sync.SyncFixtures.HistoryThread;
import io.wabaflow.sync.SyncScenario;
import io.wabaflow.testsupport.TestKafka;

/** Every kind of input projected and served, on the real broker and database. */
class ProjectionIT extends SyncIntegrationBase {

	private static final Duration PROJECTED = Duration.ofSeconds(60);

	@Test
	void theReadAndAdminApisRefuseRequestsWithoutAValidApiKey() {
		org.springframework.web.client.RestClient anonymous = org.springframework.web.client.RestClient
				.create("http://localhost:" + port);

		for (String path : java.util.List.of("/api/v1/phone-numbers/pn-x/conversations", "/admin/projections/rebuild")) {
			var response = anonymous.get().uri(path).exchange((request, answer) -> answer.getStatusCode().value());
			assertThat(response).as(path).isEqualTo(401);
		}
		var wrongKey = anonymous.post().uri("/admin/projections/rebuild").header("Authorization", "Bearer nope")
				.exchange((request, answer) -> answer.getStatusCode().value());
		assertThat(wrongKey).isEqualTo(401);
	}

	@Test
	void everyWebhookKindIsProjectedAndServed() {
		String pn = "pn-kinds-" + UUID.randomUUID();
		long start = 1_780_000_000L;
		List<SpecificRecord> events = new ArrayList<>(SyncScenario.inOrder(pn, 3, start));
		String groupMember = "5599000000001";
		events.add(SyncFixtures.inboundGroupText(pn, groupMember, "wamid.group.1", start + 5_000,
				Instant.ofEpochSecond(start + 5_000)));
		sync.produce(events);
		sync.awaitActiveCaughtUp(PROJECTED);

		// conversations: newest first, no group chat, counts by direction and sender, window, unread
		List<Map<String, Object>> conversations = sync.items("/api/v1/phone-numbers/" + pn + "/conversations");
		String c0 = SyncScenario.contact(pn, 0);
		String c2 = SyncScenario.contact(pn, 2);
		assertThat(conversations).extracting(c -> (Object) ((Map<?, ?>) c.get("contact")).get("wa_id"))
				.containsExactly(c2, SyncScenario.contact(pn, 1), c0);
		Map<String, Object> first = conversations.get(2);
		assertThat(first.get("id")).isEqualTo(pn + ":" + c0);
		assertThat(first.get("counts")).isEqualTo(Map.of("total", 11, "inbound", 6, "outbound", 5, "contact", 6,
				"agent", 1, "bot", 1, "system", 0, "business_app", 3, "history", 4));
		long t0 = start + 1_000;
		assertThat(first.get("last_user_message_at")).isEqualTo(Instant.ofEpochSecond(t0 + 16).toString());
		assertThat(first.get("window_expires_at")).isEqualTo(Instant.ofEpochSecond(t0 + 16 + 86_400).toString());
		assertThat(first.get("unread_count")).isEqualTo(1);
		assertThat(first.get("last_agent_message_at")).isEqualTo(Instant.ofEpochSecond(t0 + 3).toString());
		assertThat(first.get("last_business_app_message_at")).isEqualTo(Instant.ofEpochSecond(t0 + 10).toString());
		assertThat(((Map<?, ?>) first.get("contact")).get("profile_name")).isEqualTo("Profile 0 renamed");
		assertThat(((Map<?, ?>) first.get("last_message")).get("type")).isEqualTo("future_type");

		// messages: every type with its content, statuses, reaction, edit, revoke, completed placeholder
		List<Map<String, Object>> messages = sync.items("/api/v1/conversations/" + pn + ":" + c0
				+ "/messages?include_raw=true&limit=200");
		Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
		messages.forEach(m -> byId.put((String) m.get("id"), m));
		String id0 = pn + ".0";
		assertThat(messages).hasSize(11);
		assertThat(byId.get("wamid.in1." + id0).get("content")).isEqualTo(Map.of("body", "Olá, tudo bem? 👋"));
		assertThat(byId.get("wamid.in2." + id0).get("type")).isEqualTo("image");
		assertThat(byId.get("wamid.in2." + id0).get("revoked_at")).isNotNull();
		assertThat(byId.get("wamid.in3." + id0).get("edit")).isEqualTo(Map.of("type", "text",
				"content", Map.of("body", "fixed"), "at", Instant.ofEpochSecond(t0 + 9).toString()));
		Map<String, Object> future = byId.get("wamid.fut." + id0);
		assertThat(future.get("content")).isEqualTo(Map.of("some", Map.of("new", List.of("shape"))));
		assertThat(((Map<?, ?>) future.get("raw")).get("future_type")).isNotNull();
		Map<String, Object> reply = byId.get("cmd:cmd-" + id0);
		assertThat(reply.get("wamid")).isEqualTo("wamid.out." + id0);
		assertThat(reply.get("status")).isEqualTo("read");
		assertThat(reply.get("sender")).isEqualTo("agent");
		assertThat((List<?>) reply.get("statuses")).hasSize(3);
		assertThat((List<?>) reply.get("reactions")).hasSize(1);
		// what Meta said the message costs, and the number's messages summed by how they were priced
		assertThat(reply.get("pricing")).isEqualTo(Map.of("billable", true, "pricing_model", "PMP", "type", "regular",
				"category", "service"));
		Map<String, Object> pricing = sync.get("/api/v1/phone-numbers/" + pn + "/pricing");
		assertThat(list(pricing.get("lines"))).singleElement().satisfies(line -> {
			Map<?, ?> priced = (Map<?, ?>) line;
			assertThat(priced.get("category")).isEqualTo("service");
			assertThat(priced.get("pricing_model")).isEqualTo("PMP");
			assertThat(((Number) priced.get("messages")).longValue()).isPositive()
					.isEqualTo(((Number) priced.get("billable")).longValue());
		});
		assertThat(statusOf("/api/v1/phone-numbers/" + pn + "/pricing?from=yesterday")).isEqualTo(400);
		Map<String, Object> failed = byId.get("cmd:cmd-f-" + id0);
		assertThat(failed.get("status")).isEqualTo("failed");
		assertThat(((Map<?, ?>) failed.get("failure")).get("code")).isEqualTo(131047);
		assertThat(byId.get("wamid.echo." + id0).get("origin")).isEqualTo("business_app");
		Map<String, Object> placeholder = byId.get("wamid.h2." + id0);
		assertThat(placeholder.get("type")).isEqualTo("image");
		assertThat(placeholder.get("direction")).isEqualTo("outbound");
		assertThat(placeholder.get("status")).isEqualTo("delivered");
		assertThat(((Map<?, ?>) placeholder.get("content")).get("id")).isEqualTo("media-h-0");

		// calls: kept on the conversation, not counted as messages
		List<Map<String, Object>> calls = sync.items("/api/v1/conversations/" + pn + ":" + c0 + "/calls");
		assertThat(calls).singleElement().satisfies(call -> {
			assertThat(call.get("event")).isEqualTo("terminate");
			assertThat(call.get("status")).isEqualTo("COMPLETED");
			assertThat(call.get("duration_seconds")).isEqualTo(95);
			assertThat(call.get("direction")).isEqualTo("USER_INITIATED");
		});

		// contacts: profile from messages, address book from the business app; older never wins
		List<Map<String, Object>> contacts = sync.items("/api/v1/phone-numbers/" + pn + "/contacts");
		Map<String, Object> contact0 = contacts.stream().filter(c -> c0.equals(c.get("wa_id"))).findFirst().orElseThrow();
		assertThat(((Map<?, ?>) contact0.get("address_book")).get("removed")).isEqualTo(true);
		Map<String, Object> contact1 = contacts.stream()
				.filter(c -> SyncScenario.contact(pn, 1).equals(c.get("wa_id"))).findFirst().orElseThrow();
		assertThat(((Map<?, ?>) contact1.get("address_book")).get("full_name")).isEqualTo("Contact 1 Edited");
		assertThat(((Map<?, ?>) contact1.get("profile")).get("name")).isEqualTo("Profile 1 renamed");

		// the group member is a contact, but its group chat is not listed
		assertThat(contacts).extracting(c -> c.get("wa_id")).contains(groupMember);

		// history sync
		Map<String, Object> history = sync.get("/api/v1/phone-numbers/" + pn + "/history-sync");
		assertThat(history).containsEntry("state", "complete").containsEntry("progress", 100)
				.containsEntry("chunks_seen", 4);
		assertThat((List<?>) history.get("phases")).hasSize(3);
	}

	@Test
	void statusesNeverGoBackwards() {
		String pn = "pn-status-" + UUID.randomUUID();
		String wa = "5511988887777";
		long t = 1_780_100_000L;
		List<SpecificRecord> events = new ArrayList<>();
		for (String name : List.of("a", "b", "c", "d", "e", "f")) {
			events.add(outbound(pn, "cmd-" + name, wa, OutboundStatus.SENT, "wamid." + name, "TEXT", "{\"body\":\"hi\"}",
					"AGENT", Instant.ofEpochSecond(t)));
		}
		// a: reported newest first, then a late duplicate of delivered
		events.add(status(pn, "wamid.a", "read", t + 30, wa, Instant.ofEpochSecond(t + 30)));
		events.add(status(pn, "wamid.a", "delivered", t + 20, wa, Instant.ofEpochSecond(t + 31)));
		events.add(status(pn, "wamid.a", "sent", t + 10, wa, Instant.ofEpochSecond(t + 32)));
		events.add(status(pn, "wamid.a", "delivered", t + 25, wa, Instant.ofEpochSecond(t + 33)));
		// b: read without delivered
		events.add(status(pn, "wamid.b", "sent", t + 10, wa, Instant.ofEpochSecond(t + 10)));
		events.add(status(pn, "wamid.b", "read", t + 40, wa, Instant.ofEpochSecond(t + 40)));
		// c: failed, then delivered later (multi-device)
		events.add(failedStatus(pn, "wamid.c", t + 10, wa, 131026, "Message undeliverable", "undeliverable",
				Instant.ofEpochSecond(t + 10)));
		events.add(status(pn, "wamid.c", "delivered", t + 50, wa, Instant.ofEpochSecond(t + 50)));
		// d: sent, then failed
		events.add(status(pn, "wamid.d", "sent", t + 10, wa, Instant.ofEpochSecond(t + 10)));
		events.add(failedStatus(pn, "wamid.d", t + 20, wa, 131047, "Re-engagement message", "24 hours passed",
				Instant.ofEpochSecond(t + 20)));
		events.add(status(pn, "wamid.d", "sent", t + 10, wa, Instant.ofEpochSecond(t + 60)));
		// e: read, then a failure reported later (facts §5: failed stands unless a positive status comes after it)
		events.add(status(pn, "wamid.e", "read", t + 30, wa, Instant.ofEpochSecond(t + 30)));
		events.add(failedStatus(pn, "wamid.e", t + 40, wa, 131000, "Something went wrong", "unknown",
				Instant.ofEpochSecond(t + 40)));
		// f: a voice message played, its statuses shuffled
		events.add(status(pn, "wamid.f", "played", t + 40, wa, Instant.ofEpochSecond(t + 40)));
		events.add(status(pn, "wamid.f", "read", t + 30, wa, Instant.ofEpochSecond(t + 41)));
		events.add(status(pn, "wamid.f", "delivered", t + 20, wa, Instant.ofEpochSecond(t + 42)));
		sync.produce(events);
		sync.awaitActiveCaughtUp(PROJECTED);

		Map<String, Map<String, Object>> byWamid = new java.util.HashMap<>();
		sync.items("/api/v1/conversations/" + pn + ":" + wa + "/messages").forEach(m -> byWamid.put((String) m.get("wamid"), m));
		assertThat(byWamid.get("wamid.a").get("status")).isEqualTo("read");
		assertThat(list(byWamid.get("wamid.a").get("statuses"))).extracting(s -> (Object) ((Map<?, ?>) s).get("status"))
				.containsExactly("sent", "delivered", "read");
		assertThat(list(byWamid.get("wamid.a").get("statuses"))).extracting(s -> (Object) ((Map<?, ?>) s).get("at"))
				.containsExactly(Instant.ofEpochSecond(t + 10).toString(), Instant.ofEpochSecond(t + 20).toString(),
						Instant.ofEpochSecond(t + 30).toString());
		assertThat(byWamid.get("wamid.b").get("status")).isEqualTo("read");
		assertThat(byWamid.get("wamid.c").get("status")).isEqualTo("delivered");
		assertThat(byWamid.get("wamid.d").get("status")).isEqualTo("failed");
		assertThat(((Map<?, ?>) byWamid.get("wamid.d").get("failure")).get("code")).isEqualTo(131047);
		assertThat(((Map<?, ?>) byWamid.get("wamid.d").get("failure")).get("details")).isEqualTo("24 hours passed");
		assertThat(byWamid.get("wamid.e").get("status")).isEqualTo("failed");
		assertThat(list(byWamid.get("wamid.e").get("statuses"))).extracting(s -> (Object) ((Map<?, ?>) s).get("status"))
				.containsExactly("read", "failed");
		assertThat(byWamid.get("wamid.f").get("status")).isEqualTo("played");
		assertThat(list(byWamid.get("wamid.f").get("statuses"))).extracting(s -> (Object) ((Map<?, ?>) s).get("status"))
				.containsExactly("delivered", "read", "played");
	}

	@Test
	void aHistorySyncInThreePhasesWithOutOfOrderChunksEndsAtOneHundredWithEveryMessageOnce() {
		String pn = "pn-history-" + UUID.randomUUID();
		String wa = "5511977776666";
		long day0 = 1_780_200_000L;
		Instant received = Instant.ofEpochSecond(day0);
		List<SpecificRecord> chunks = new ArrayList<>();
		int messages = 0;
		int[][] phases = { { 0, 2 }, { 1, 3 }, { 2, 2 } };
		int progress = 0;
		for (int[] phase : phases) {
			for (int chunk = 1; chunk <= phase[1]; chunk++) {
				List<HistoryMessage> thread = new ArrayList<>();
				for (int m = 0; m < 5; m++) {
					long ts = day0 - 86_400L * (phase[0] * 60 + chunk) - m;
					thread.add(new HistoryMessage("wamid.h." + phase[0] + "." + chunk + "." + m, m % 2 == 0, ts, "text",
							"{\"body\": \"m" + m + "\"}", m % 2 == 0 ? "READ" : "DELIVERED"));
					messages++;
				}
				progress += 100 / 7;
				boolean last = phase[0] == 2 && chunk == phase[1];
				chunks.add(historyChunk(pn, phase[0], chunk, last ? 100 : progress, List.of(new HistoryThread(wa, thread)),
						received.plusSeconds(chunks.size())));
			}
		}
		// one media placeholder whose follow-up arrives first
		chunks.add(historyChunk(pn, 1, 4, 90, List.of(new HistoryThread(wa, List.of(new HistoryMessage("wamid.h.media",
				false, day0 - 86_400L * 70, "media_placeholder", null, "READ")))), received.plusSeconds(50)));
		messages++;
		List<SpecificRecord> delivered = new ArrayList<>(chunks);
		delivered.addAll(chunks.subList(0, 3)); // duplicates
		Collections.shuffle(delivered, new Random(7));
		delivered.add(0, historyMedia(pn, wa, "wamid.h.media", false, day0 - 86_400L * 70, "document",
				"{\"filename\": \"a.pdf\", \"mime_type\": \"application/pdf\", \"sha256\": \"x\", \"id\": \"m-1\"}",
				received.plusSeconds(60)));
		sync.produce(delivered);
		sync.awaitActiveCaughtUp(PROJECTED);

		Map<String, Object> history = sync.get("/api/v1/phone-numbers/" + pn + "/history-sync");
		assertThat(history).containsEntry("state", "complete").containsEntry("progress", 100)
				.containsEntry("complete", true).containsEntry("declined", false).containsEntry("chunks_seen", 8)
				.containsEntry("messages_seen", messages);
		assertThat(list(history.get("phases"))).extracting(p -> (Object) ((Map<?, ?>) p).get("missing_chunks"))
				.containsExactly(0, 0, 0);
		List<Map<String, Object>> listed = sync.items("/api/v1/conversations/" + pn + ":" + wa + "/messages?limit=200");
		assertThat(listed).hasSize(messages);
		assertThat(listed).extracting(m -> m.get("id")).doesNotHaveDuplicates();
		Map<String, Object> media = listed.stream().filter(m -> "wamid.h.media".equals(m.get("id"))).findFirst()
				.orElseThrow();
		assertThat(media.get("type")).isEqualTo("document");
		assertThat(media.get("direction")).isEqualTo("inbound");
		assertThat(media.get("status")).isEqualTo("read");
		assertThat(listed.stream().filter(m -> "outbound".equals(m.get("direction"))).count()).isEqualTo(7 * 3);
		Map<String, Object> conversation = sync.get("/api/v1/phone-numbers/" + pn + "/conversations");
		Map<?, ?> first = (Map<?, ?>) ((List<?>) conversation.get("items")).get(0);
		assertThat(first.get("window_expires_at")).as("history never opens the window").isNull();
		assertThat(first.get("unread_count")).isEqualTo(0);
	}

	@Test
	void aDeclinedHistoryIsRecorded() {
		String pn = "pn-declined-" + UUID.randomUUID();
		sync.produce(List.of(historyDeclined(pn, Instant.ofEpochSecond(1_780_300_000L)),
				historyDeclined(pn, Instant.ofEpochSecond(1_780_300_100L))));
		sync.awaitActiveCaughtUp(PROJECTED);

		Map<String, Object> history = sync.get("/api/v1/phone-numbers/" + pn + "/history-sync");
		assertThat(history).containsEntry("state", "declined").containsEntry("declined", true)
				.containsEntry("progress", 0);
		Map<?, ?> error = (Map<?, ?>) ((List<?>) history.get("errors")).get(0);
		assertThat(error.get("code")).isEqualTo(2593109);
		assertThat(error.get("details")).isEqualTo("History sharing is turned off by the business");
		assertThat(error.get("received_at")).isEqualTo(Instant.ofEpochSecond(1_780_300_000L).toString());
	}

	@Test
	void undecodableRecordsGoToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
		String pn = "pn-poison-" + UUID.randomUUID();
		String wa = "5511955554444";
		byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestKafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
			raw.send(new ProducerRecord<>(Topics.WEBHOOKS.name(), pn, garbage)).get();
		}
		sync.produce(List.of(SyncFixtures.change(pn, "messages", "{not json", Instant.now()),
				inboundText(pn, wa, "After", "wamid.after", 1_780_400_000L, "still projected", Instant.now())));

		await().atMost(PROJECTED).untilAsserted(() -> assertThat(
				sync.items("/api/v1/phone-numbers/" + pn + "/conversations")).hasSize(1));
		List<ConsumerRecord<String, byte[]>> dead = deadLetters(Topics.WEBHOOKS.deadLetterTopic(), pn, 2);
		assertThat(dead.get(0).value()).isEqualTo(garbage);
		assertThat(header(dead.get(0), DeadLetters.REASON_HEADER)).contains("C3 01");
		assertThat(header(dead.get(1), DeadLetters.REASON_HEADER)).startsWith("StreamReadException");
		assertThat(header(dead.get(1), "kafka_dlt-exception-message")).contains("is not JSON");
	}

	@Test
	void webhookChangesAreCountedByFieldForPrometheusAndTheProbesAnswerWithoutAKey() {
		String pn = "pn-metrics-" + UUID.randomUUID();
		sync.produce(SyncScenario.inOrder(pn, 1, 1_780_500_000L));
		sync.awaitActiveCaughtUp(PROJECTED);
		org.springframework.web.client.RestClient anonymous = org.springframework.web.client.RestClient
				.create("http://localhost:" + port);

		String scrape = anonymous.get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(scrape).contains("wabaflow_sync_webhook_changes_total{field=\"messages\"")
				.contains("wabaflow_sync_webhook_changes_total{field=\"user_preferences\"");
		assertThat(anonymous.get().uri("/actuator/health/liveness").retrieve().body(String.class)).contains("UP");
	}

	@Test
	void aRejectedOrFailedCommandIsListedButNeitherCountsNorAnswersTheUser() {
		String pn = "pn-refused-" + UUID.randomUUID();
		String wa = "5511977771111";
		long t = 1_780_600_000L;
		sync.produce(List.of(SyncFixtures.registration(pn, NumberType.CLOUD,
				Instant.ofEpochSecond(t)),
				inboundText(pn, wa, "Cliente", "wamid.in." + pn, t + 1, "Oi?", Instant.ofEpochSecond(t + 1)),
				outbound(pn, "cmd-rej-" + pn, wa, OutboundStatus.REJECTED, null, "TEXT", "{\"body\": \"x\"}", "AGENT",
						Instant.ofEpochSecond(t + 2)),
				SyncFixtures.outboundFailed(pn, "cmd-fail-" + pn, wa, 131026, "Message undeliverable",
						Instant.ofEpochSecond(t + 3))));
		sync.awaitActiveCaughtUp(PROJECTED);

		Map<String, Object> conversation = sync.get("/api/v1/conversations/" + pn + ":" + wa);
		assertThat(conversation.get("id")).isEqualTo(pn + ":" + wa);
		assertThat(((Map<?, ?>) conversation.get("counts")).get("total")).isEqualTo(1);
		assertThat(((Map<?, ?>) conversation.get("counts")).get("outbound")).isEqualTo(0);
		assertThat(conversation.get("unread_count")).as("no answer reached the user").isEqualTo(1);
		assertThat(((Map<?, ?>) conversation.get("last_message")).get("id")).isEqualTo("wamid.in." + pn);
		assertThat(sync.items("/api/v1/conversations/" + pn + ":" + wa + "/messages"))
				.extracting(message -> message.get("status")).containsExactly("failed", "rejected", null);
		assertThat(statusOf("/api/v1/conversations/" + pn + ":5500000000000")).isEqualTo(404);

		// a refused command to someone who never wrote makes no conversation (and the projection goes on)
		String stranger = "5511966660000";
		sync.produce(List.of(outbound(pn, "cmd-rej2-" + pn, stranger, OutboundStatus.REJECTED, null, "TEXT",
				"{\"body\": \"x\"}", "AGENT", Instant.ofEpochSecond(t + 4)),
				inboundText(pn, wa, "Cliente", "wamid.in2." + pn, t + 5, "Alô?", Instant.ofEpochSecond(t + 5))));
		sync.awaitActiveCaughtUp(PROJECTED);
		assertThat(statusOf("/api/v1/conversations/" + pn + ":" + stranger)).isEqualTo(404);
		assertThat(sync.get("/api/v1/conversations/" + pn + ":" + wa).get("unread_count")).isEqualTo(2);
	}

	@Test
	void theApiRefusesBadRequests() {
		assertThat(statusOf("/api/v1/conversations/no-colon/messages")).isEqualTo(400);
		assertThat(statusOf("/api/v1/conversations/pn-none:123/messages")).isEqualTo(404);
		assertThat(statusOf("/api/v1/phone-numbers/x/conversations?cursor=***")).isEqualTo(400);
		assertThat(statusOf("/api/v1/phone-numbers/x/conversations?limit=0")).isEqualTo(400);
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	private int statusOf(String path) {
		Integer status = sync.http.get().uri(path).exchange((request, response) -> response.getStatusCode().value());
		return status;
	}

	/**
	 * The first {@code count} dead letters of distinct records with {@code key}: a rebuild's generation running beside
	 * the live one is a consumer group of its own and dead-letters the same poison record too.
	 */
	private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key, int count) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		Set<String> originals = new HashSet<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(PROJECTED).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> {
					if (key.equals(r.key()) && originals.add(ByteBuffer.wrap(r.headers()
							.lastHeader("kafka_dlt-original-partition").value()).getInt() + "@" + ByteBuffer.wrap(r.headers()
							.lastHeader("kafka_dlt-original-offset").value()).getLong())) {
						found.add(r);
					}
				});
				return found.size() >= count;
			});
		}
		return found;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}
}
