package io.wabaflow.sync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.sync.SyncFixtures;
import io.wabaflow.sync.SyncFixtures.HistoryMessage;
import io.wabaflow.sync.SyncFixtures.HistoryThread;
import io.wabaflow.sync.messages.MessageFact;

class WebhookChangeReaderTest {

	private final WebhookChangeReader reader = new WebhookChangeReader();

	private static final Instant RECEIVED = Instant.ofEpochSecond(1_790_000_000L);

	@Test
	void anInboundMessageIsAMessageAndAProfile() {
		ProjectionBatch batch = new ProjectionBatch();
		reader.read(SyncFixtures.inboundText("pn", "5511999", "Ana", "wamid.1", 1_780_000_000L, "oi", RECEIVED), batch);

		MessageFact message = batch.messages.get(0);
		assertThat(message.direction()).isEqualTo("inbound");
		assertThat(message.origin()).isEqualTo("cloud_api");
		assertThat(message.contactWaId()).isEqualTo("5511999");
		assertThat(message.sentAtMs()).isEqualTo(1_780_000_000_000L);
		assertThat(message.contentJson()).isEqualTo("{\"body\":\"oi\"}");
		assertThat(message.rawJson()).contains("\"from\":\"5511999\"");
		assertThat(batch.profiles.get(0).profileName()).isEqualTo("Ana");
		assertThat(batch.profiles.get(0).changedAtMs()).isEqualTo(1_780_000_000_000L);
	}

	@Test
	void reactionsEditsAndRevokesAlsoAnnotateTheirTargets() {
		ProjectionBatch batch = new ProjectionBatch();
		reader.read(SyncFixtures.inbound("pn", "5511999", "Ana", "wamid.r", 1, "reaction",
				"{\"message_id\": \"wamid.t\", \"emoji\": \"\"}", RECEIVED), batch);
		reader.read(SyncFixtures.inbound("pn", "5511999", "Ana", "wamid.e", 2, "edit",
				"{\"original_message_id\": \"wamid.t\", \"message\": {\"type\": \"text\", \"text\": {\"body\": \"new\"}}}",
				RECEIVED), batch);
		reader.read(SyncFixtures.inbound("pn", "5511999", "Ana", "wamid.v", 3, "revoke",
				"{\"original_message_id\": \"wamid.t\"}", RECEIVED), batch);

		assertThat(batch.reactions.get(0).emoji()).as("an empty emoji removes the reaction").isNull();
		assertThat(batch.edits.get(0).contentJson()).isEqualTo("{\"body\":\"new\"}");
		assertThat(batch.revokes.get(0).targetWamid()).isEqualTo("wamid.t");
		assertThat(batch.messages).hasSize(3);
	}

	@Test
	void historyDirectionComesFromTheSenderAndPlaceholdersRankBelowContent() {
		ProjectionBatch batch = new ProjectionBatch();
		reader.read(SyncFixtures.historyChunk("pn", 1, 3, 40, List.of(new HistoryThread("5511888", List.of(
				new HistoryMessage("wamid.a", true, 10, "media_placeholder", null, "DELIVERED"),
				new HistoryMessage("wamid.b", false, 11, "text", "{\"body\": \"x\"}", "READ")))), RECEIVED), batch);
		reader.read(SyncFixtures.historyMedia("pn", "5511888", "wamid.a", true, 10, "image", "{\"id\": \"m\"}", RECEIVED),
				batch);

		assertThat(batch.messages).extracting(MessageFact::direction).containsExactly("outbound", "inbound", "outbound");
		assertThat(batch.messages).extracting(MessageFact::bodyRank).containsExactly(1, 2, 2);
		assertThat(batch.messages).extracting(MessageFact::envelopeRank).containsExactly(2, 2, 1);
		assertThat(batch.chunks.get(0)).satisfies(chunk -> {
			assertThat(chunk.phase()).isEqualTo(1);
			assertThat(chunk.chunkOrder()).isEqualTo(3);
			assertThat(chunk.progress()).isEqualTo(40);
			assertThat(chunk.messageCount()).isEqualTo(2);
		});
	}

	@Test
	void echoesAndAddressBookChanges() {
		ProjectionBatch batch = new ProjectionBatch();
		reader.read(SyncFixtures.echo("pn", "+55 11 777", "wamid.e", 5, "text", "{\"body\": \"hi\"}", RECEIVED), batch);
		reader.read(SyncFixtures.addressBook("pn", "+55 11 777", "remove", null, null, 6, RECEIVED), batch);
		reader.read(SyncFixtures.historyDeclined("pn", RECEIVED), batch);

		assertThat(batch.messages.get(0).contactWaId()).isEqualTo("5511777");
		assertThat(batch.messages.get(0).sender()).isEqualTo("business_app");
		assertThat(batch.addressBook.get(0).action()).isEqualTo("remove");
		assertThat(batch.addressBook.get(0).fullName()).isNull();
		assertThat(batch.historyErrors.get(0).code()).isEqualTo(2593109);
	}

	@Test
	void aValueThatIsNotJsonIsPoison() {
		assertThatThrownBy(() -> reader.read(SyncFixtures.change("pn", "messages", "{oops", RECEIVED),
				new ProjectionBatch())).isInstanceOf(PoisonRecordException.class);
	}
}
