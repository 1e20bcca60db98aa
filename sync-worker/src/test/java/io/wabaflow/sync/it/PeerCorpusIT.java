package io.wabaflow.sync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.wabaflow.metagraph.webhook.EnvelopeChange;
import io.wabaflow.metagraph.webhook.EnvelopeSplitter;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.sync.rebuild.Generation;
import io.wabaflow.sync.rebuild.GenerationSchemas;
import io.wabaflow.testsupport.PeerWebhooks;
import io.wabaflow.testsupport.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The 84 webhooks other people wrote (test-support's peer-webhooks: Meta's 2026 documentation, pywa, two SDKs),
 * split per change exactly as the ingress splits them, projected twice under two prefixes of their numbers: once in
 * the corpus's order, once shuffled with every change delivered twice. Nothing is dead-lettered, both give the same
 * rows, and every inbound message that names its user at all (a phone or a BSUID, not a placeholder) is reachable
 * through the conversations API; a rebuild from the topics gives the same rows again.
 */
class PeerCorpusIT extends SyncIntegrationBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration PROJECTED = Duration.ofSeconds(90);

	/** The fields whose changes become projection rows of their own; every other one is kept raw. */
	private static final Set<String> MODELLED = Set.of("messages", "smb_message_echoes", "smb_app_state_sync",
			"history", "calls");

	/** Meta's documentation examples with placeholders instead of any id of the user. */
	private static final Set<String> NO_USER_NAMED = Set.of("002", "035");

	private static final Instant RECEIVED = Instant.parse("2026-06-01T12:00:00Z");

	private String ordered;

	private String shuffled;

	@BeforeEach
	void prefixes() {
		String run = UUID.randomUUID().toString().substring(0, 6);
		ordered = "o" + run + "-";
		shuffled = "s" + run + "-";
	}

	/** A file's changes, its numbers prefixed (in the key, the record and value.metadata). */
	private List<WebhookChange> changes(PeerWebhooks.Payload payload, String prefix) throws Exception {
		List<WebhookChange> changes = new ArrayList<>();
		for (EnvelopeChange change : new EnvelopeSplitter().split(payload.bytes())) {
			ObjectNode value = (ObjectNode) JSON.readTree(change.valueJson());
			String number = change.phoneNumberId() == null ? null : prefix + change.phoneNumberId();
			if (number != null) {
				((ObjectNode) value.path("metadata")).put("phone_number_id", number);
			}
			changes.add(WebhookChange.newBuilder().setEventId(prefix + change.eventId()).setWabaId(change.wabaId())
					.setField(change.field()).setPhoneNumberId(number).setValueJson(value.toString())
					.setEntryTime(change.entryTime()).setReceivedAt(RECEIVED).build());
		}
		return changes;
	}

	@Test
	void everyFileIsProjectedWithoutADeadLetterAlikeInAnyOrderAndNoUsersMessageIsOrphaned() throws Exception {
		List<WebhookChange> inOrder = new ArrayList<>();
		List<WebhookChange> messy = new ArrayList<>();
		Map<String, List<String>> inboundByFile = new HashMap<>();
		Set<String> numbers = new TreeSet<>();
		for (PeerWebhooks.Payload payload : PeerWebhooks.all()) {
			List<WebhookChange> changes = changes(payload, ordered);
			inOrder.addAll(changes);
			messy.addAll(changes(payload, shuffled));
			messy.addAll(changes(payload, shuffled));
			for (WebhookChange change : changes) {
				if (change.getPhoneNumberId() != null) {
					numbers.add(change.getPhoneNumberId().substring(ordered.length()));
				}
				if ("messages".equals(change.getField())) {
					// reactions, edits and revokes annotate their targets: they are not listed as messages
					JSON.readTree(change.getValueJson()).path("messages").forEach(message -> {
						if (!Set.of("reaction", "edit", "revoke").contains(message.path("type").asString())) {
							inboundByFile.computeIfAbsent(payload.name().substring(0, 3), file -> new ArrayList<>())
									.add(message.path("id").asString());
						}
					});
				}
			}
		}
		Collections.shuffle(messy, new Random(84));
		sync.produce(inOrder);
		sync.produce(messy);
		Generation active = sync.awaitActiveCaughtUp(PROJECTED);

		assertThat(deadLetteredKeys()).as("dead-lettered changes of the corpus").isEmpty();

		// every change of a field no projection models is kept as received, once
		List<String> unmodelled = inOrder.stream().filter(change -> !MODELLED.contains(change.getField()))
				.map(WebhookChange::getEventId).distinct().toList();
		List<String> kept = jdbi.withHandle(handle -> handle.createQuery("SELECT event_id FROM " + active.schemaName()
				+ ".webhook_events WHERE event_id LIKE :prefix").bind("prefix", ordered + "%").mapTo(String.class).list());
		assertThat(kept).as("kept changes of unmodelled fields").containsAll(unmodelled).doesNotHaveDuplicates();

		for (String number : numbers) {
			for (String table : GenerationSchemas.TABLES) {
				List<String> once = sync.rows(active.schemaName(), table, ordered + number).stream()
						.map(row -> row.replace(ordered, "<p>")).sorted().toList();
				List<String> twice = sync.rows(active.schemaName(), table, shuffled + number).stream()
						.map(row -> row.replace(shuffled, "<p>")).sorted().toList();
				assertThat(twice).as("number %s, table %s", number, table).isEqualTo(once);
			}
		}

		Set<String> reachable = new LinkedHashSet<>();
		for (String number : numbers) {
			for (JsonNode conversation : conversationsOf(ordered + number)) {
				messagesOf(conversation.path("id").asString()).forEach(reachable::add);
			}
			for (String group : groupConversations(active.schemaName(), ordered + number)) {
				messagesOf(group).forEach(reachable::add);
			}
		}
		// Meta's pages reuse message ids for different messages (SOURCES.md): one row per id is kept, the winner by
		// (rank, content hash); an id whose kept body is a reaction, edit or revoke annotates and is not listed
		List<String> annotationIds = jdbi.withHandle(handle -> handle.createQuery("SELECT message_id FROM "
				+ active.schemaName() + ".messages WHERE phone_number_id LIKE :prefix AND type IN ('reaction', 'edit', "
				+ "'revoke')").bind("prefix", ordered + "%").mapTo(String.class).list());
		Set<String> annotations = Set.copyOf(annotationIds);
		List<String> orphaned = new ArrayList<>();
		inboundByFile.forEach((file, ids) -> {
			if (!NO_USER_NAMED.contains(file)) {
				ids.stream().filter(id -> !reachable.contains(id) && !annotations.contains(id))
						.forEach(id -> orphaned.add(file + " " + id));
			}
		});
		assertThat(orphaned).as("inbound messages in no conversation").isEmpty();
		// and a rebuild from the topics gives the corpus's numbers the same rows, table by table
		Integer started = sync.http.post().uri("/admin/projections/rebuild")
				.exchange((request, response) -> response.getStatusCode().value());
		assertThat(started).isEqualTo(202);
		await().atMost(PROJECTED).until(() -> generations.active().map(g -> g.number() > active.number()).orElse(false));
		Generation rebuilt = sync.awaitActiveCaughtUp(PROJECTED);
		for (String number : numbers) {
			for (String prefix : List.of(ordered, shuffled)) {
				for (String table : GenerationSchemas.TABLES) {
					assertThat(sync.rows(rebuilt.schemaName(), table, prefix + number))
							.as("number %s, table %s after the rebuild", prefix + number, table)
							.containsExactlyInAnyOrderElementsOf(sync.rows(active.schemaName(), table, prefix + number));
				}
			}
		}
		System.out.printf("Peer corpus: %d changes in order and %d shuffled twice, %d numbers, %d messages reachable, "
				+ "the same rows after a rebuild%n", inOrder.size(), messy.size(), numbers.size(), reachable.size());
	}

	@Test
	void theBusinessScopedShapesLandWhereTheyBelong() throws Exception {
		for (PeerWebhooks.Payload payload : PeerWebhooks.all()) {
			sync.produce(changes(payload, ordered));
		}
		Generation active = sync.awaitActiveCaughtUp(PROJECTED);
		String number = ordered + "106540352242922";

		// 006: a username user with no phone: their message is in a conversation, their username and BSUID shown
		String sheena = conversationHolding(number, "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
		assertThat(sheena).as("the BSUID-only message's conversation").isNotNull();
		// 048 names 16505551234 and the same BSUID together (Meta's pages reuse one BSUID): one person with the phone
		assertThat(sheena).isEqualTo(number + ":" + personOf(active, number, "16505551234"));
		assertThat(personOf(active, number, "US.13491208655302741918")).isEqualTo(personOf(active, number, "16505551234"));
		// 034: a changed number keeps the person's conversation
		assertThat(personOf(active, number, "12195555358")).isEqualTo(personOf(active, number, "16505551234"));
		// 011: the group message is the group's, not in the member's conversation
		assertThat(conversationHolding(number, "wamid.HASDI128HJOPUERIH82ahdasd09ASDHi5>")).isNull();
		assertThat(messagesOf(number + ":group:HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA"))
				.contains("wamid.HASDI128HJOPUERIH82ahdasd09ASDHi5>");
		// 067: a user's marketing preference, a field nothing models yet, is read back from the number's events; 041:
		// a messages change's value-level error is kept on the number
		JsonNode preferences = JSON.valueToTree(sync.get("/api/v1/phone-numbers/" + number
				+ "/webhook-events?field=user_preferences"));
		assertThat(preferences.path("items").valueStream().map(item -> item.path("value").path("user_preferences")
				.get(0).path("value").asString())).contains("resume");
		assertThat(preferences.path("items")).allSatisfy(item -> assertThat(item.path("field").asString())
				.isEqualTo("user_preferences"));
		JsonNode errors = JSON.valueToTree(sync.get("/api/v1/phone-numbers/" + number
				+ "/webhook-events?field=messages.errors"));
		assertThat(errors.toString()).contains("130429");

		// 059: a call the business made to a user who never wrote is on that user's conversation
		List<Map<String, Object>> calls = sync.items("/api/v1/conversations/" + ordered + "743897493242:972987654321"
				+ "/calls");
		assertThat(calls).extracting(call -> call.get("event")).containsExactly("connect");

		// 043/047/048: statuses' pricing (PMP, with and without conversation) summed per category
		JsonNode pricing = JSON.valueToTree(sync.get("/api/v1/phone-numbers/" + number + "/pricing"));
		assertThat(pricing.path("lines").valueStream().map(line -> line.path("category").asString()))
				.contains("marketing");

		// 049 (a status naming the user by BSUID only) and 048 (by both) report one wamid delivered: one row, whose
		// recipient is that person either way
		List<String> recipients = jdbi.withHandle(handle -> handle.createQuery("SELECT recipient_id FROM "
				+ active.schemaName() + ".message_statuses WHERE phone_number_id = :pn AND wamid = :wamid"
				+ " AND status = 'delivered'")
				.bind("pn", number).bind("wamid", "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=")
				.mapTo(String.class).list());
		assertThat(recipients).hasSize(1);
		assertThat(personOf(active, number, recipients.get(0))).isEqualTo(personOf(active, number, "16505551234"));
	}

	private String personOf(Generation active, String number, String identity) {
		return jdbi.withHandle(handle -> handle.createQuery("SELECT person FROM " + active.schemaName()
				+ ".identities WHERE phone_number_id = :pn AND identity = :id").bind("pn", number).bind("id", identity)
				.mapTo(String.class).findOne().orElse(null));
	}

	/** The id of the listed conversation of {@code number} that holds the message, or null. */
	private String conversationHolding(String number, String messageId) {
		for (JsonNode conversation : conversationsOf(number)) {
			if (messagesOf(conversation.path("id").asString()).contains(messageId)) {
				return conversation.path("id").asString();
			}
		}
		return null;
	}

	private List<JsonNode> conversationsOf(String number) {
		List<JsonNode> conversations = new ArrayList<>();
		JSON.valueToTree(sync.get("/api/v1/phone-numbers/" + number + "/conversations?limit=200")).path("items")
				.forEach(conversations::add);
		return conversations;
	}

	private List<String> messagesOf(String conversationId) {
		List<String> ids = new ArrayList<>();
		sync.items("/api/v1/conversations/" + conversationId + "/messages?limit=200")
				.forEach(message -> ids.add((String) message.get("id")));
		return ids;
	}

	/** Group conversations are not listed (seed 002) but are read by id. */
	private List<String> groupConversations(String schema, String number) {
		return jdbi.withHandle(handle -> handle.createQuery("SELECT conversation_id FROM " + schema
				+ ".conversations WHERE phone_number_id = :pn AND is_group").bind("pn", number).mapTo(String.class)
				.list());
	}

	/** Keys of the dead-letter topic's records that belong to this test's changes. */
	private List<String> deadLetteredKeys() {
		List<String> keys = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.WEBHOOKS.deadLetterTopic()).stream()
					.map(info -> new TopicPartition(info.topic(), info.partition())).toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.key() != null && (record.key().startsWith(ordered) || record.key().startsWith(shuffled))) {
						keys.add(record.key());
					}
				}
			}
		}
		return keys;
	}
}
