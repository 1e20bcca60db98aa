package io.wabaflow.sync;

import static io.wabaflow.sync.SyncFixtures.addressBook;
import static io.wabaflow.sync.SyncFixtures.echo;
import static io.wabaflow.sync.SyncFixtures.failedStatus;
import static io.wabaflow.sync.SyncFixtures.historyChunk;
import static io.wabaflow.sync.SyncFixtures.historyMedia;
import static io.wabaflow.sync.SyncFixtures.inbound;
import static io.wabaflow.sync.SyncFixtures.inboundText;
import static io.wabaflow.sync.SyncFixtures.outbound;
import static io.wabaflow.sync.SyncFixtures.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.apache.avro.specific.SpecificRecord;

import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.webhook.WebhookChange;
import io.wabaflow.sync.SyncFixtures.HistoryMessage;
import io.wabaflow.sync.SyncFixtures.HistoryThread;

/**
 * A day in the life of one business number, in the order things happened: every kind of input, with
 * the order-sensitive cases (profile renamed, address book edited then removed, statuses, a status before
 * the sender's SENT event, a failed send, reactions, an edit, a revoke, history chunks and a media
 * placeholder with its follow-up). About 22 records per contact, plus 6 per number.
 */
public final class SyncScenario {

	private SyncScenario() {
	}

	public static List<SpecificRecord> inOrder(String phoneNumberId, int contacts, long startSeconds) {
		return inOrder(phoneNumberId, phoneNumberId, contacts, startSeconds);
	}

	/**
	 * @param tag what message ids and contacts are derived from: two numbers with the same tag get the
	 *            same story (ids never contain the phone number id, so their projections compare 1:1)
	 */
	public static List<SpecificRecord> inOrder(String phoneNumberId, String tag, int contacts, long startSeconds) {
		List<SpecificRecord> events = new ArrayList<>();
		Instant onboarded = Instant.ofEpochSecond(startSeconds);
		events.add(SyncFixtures.registration(phoneNumberId, NumberType.COEXISTENCE, onboarded));
		List<HistoryThread> phase1 = new ArrayList<>();
		for (int c = 0; c < contacts; c++) {
			String wa = contact(tag, c);
			long t = startSeconds + 1_000 + c * 10L;
			Instant at = Instant.ofEpochSecond(t);
			String id = tag + "." + c;
			phase1.add(new HistoryThread(wa, List.of(
					new HistoryMessage("wamid.h1." + id, false, startSeconds - 86_400 * 30 + c, "text",
							"{\"body\": \"old hello\"}", "READ"),
					new HistoryMessage("wamid.h2." + id, true, startSeconds - 86_400 * 30 + c + 5, "media_placeholder",
							null, "DELIVERED"))));
			events.add(addressBook(phoneNumberId, "+" + wa, "add", "Contact " + c, "C" + c, t, at));
			events.add(inboundText(phoneNumberId, wa, "Profile " + c, "wamid.in1." + id, t + 1, "Olá, tudo bem? 👋", at));
			events.add(inbound(phoneNumberId, wa, "Profile " + c, "wamid.in2." + id, t + 2, "image",
					"{\"mime_type\": \"image/jpeg\", \"sha256\": \"abc\", \"id\": \"media-" + c + "\", \"caption\": \"foto\"}",
					at));
			events.add(outbound(phoneNumberId, "cmd-read-" + id, wa, OutboundStatus.SENT, null, "MARK_READ",
					"{\"message_id\": \"wamid.in1." + id + "\"}", "SYSTEM", Instant.ofEpochSecond(t + 2)));
			String command = "cmd-" + id;
			String wamid = "wamid.out." + id;
			events.add(outbound(phoneNumberId, command, wa, OutboundStatus.ACCEPTED, null, "TEXT",
					"{\"body\": \"Resposta\"}", "AGENT", Instant.ofEpochSecond(t + 3)));
			// Meta reports "sent" before the sender published SENT: the status must still count
			events.add(status(phoneNumberId, wamid, "sent", t + 4, wa, Instant.ofEpochSecond(t + 4)));
			events.add(outbound(phoneNumberId, command, wa, OutboundStatus.SENT, wamid, "TEXT",
					"{\"body\": \"Resposta\"}", "AGENT", Instant.ofEpochSecond(t + 4)));
			events.add(status(phoneNumberId, wamid, "delivered", t + 5, wa, Instant.ofEpochSecond(t + 5)));
			events.add(status(phoneNumberId, wamid, "read", t + 6, wa, Instant.ofEpochSecond(t + 6)));
			events.add(inbound(phoneNumberId, wa, "Profile " + c, "wamid.re." + id, t + 7, "reaction",
					"{\"message_id\": \"" + wamid + "\", \"emoji\": \"👍\"}", Instant.ofEpochSecond(t + 7)));
			events.add(inboundText(phoneNumberId, wa, "Profile " + c + " renamed", "wamid.in3." + id, t + 8,
					"typo", Instant.ofEpochSecond(t + 8)));
			events.add(inbound(phoneNumberId, wa, "Profile " + c + " renamed", "wamid.ed." + id, t + 9, "edit",
					"{\"original_message_id\": \"wamid.in3." + id
							+ "\", \"message\": {\"type\": \"text\", \"text\": {\"body\": \"fixed\"}}}",
					Instant.ofEpochSecond(t + 9)));
			events.add(inbound(phoneNumberId, wa, "Profile " + c + " renamed", "wamid.rv." + id, t + 9, "revoke",
					"{\"original_message_id\": \"wamid.in2." + id + "\"}", Instant.ofEpochSecond(t + 9)));
			events.add(echo(phoneNumberId, "+" + wa, "wamid.echo." + id, t + 10, "text", "{\"body\": \"from the app\"}",
					Instant.ofEpochSecond(t + 10)));
			events.add(addressBook(phoneNumberId, wa, "add", "Contact " + c + " Edited", "C" + c, t + 11,
					Instant.ofEpochSecond(t + 11)));
			if (c % 3 == 0) {
				events.add(addressBook(phoneNumberId, wa, "remove", null, null, t + 12, Instant.ofEpochSecond(t + 12)));
			}
			String failedCommand = "cmd-f-" + id;
			String failedWamid = "wamid.outf." + id;
			events.add(outbound(phoneNumberId, failedCommand, wa, OutboundStatus.ACCEPTED, null, "TEXT",
					"{\"body\": \"late\"}", "BOT", Instant.ofEpochSecond(t + 13)));
			events.add(outbound(phoneNumberId, failedCommand, wa, OutboundStatus.SENT, failedWamid, "TEXT",
					"{\"body\": \"late\"}", "BOT", Instant.ofEpochSecond(t + 13)));
			events.add(status(phoneNumberId, failedWamid, "sent", t + 14, wa, Instant.ofEpochSecond(t + 14)));
			events.add(failedStatus(phoneNumberId, failedWamid, t + 15, wa, 131047, "Re-engagement message",
					"More than 24 hours have passed since the recipient last replied to the sender number.",
					Instant.ofEpochSecond(t + 15)));
			events.add(inbound(phoneNumberId, wa, "Profile " + c + " renamed", "wamid.fut." + id, t + 16,
					"future_type", "{\"some\": {\"new\": [\"shape\"]}}", Instant.ofEpochSecond(t + 16)));
		}
		String firstWa = contact(tag, 0);
		String firstId = tag + ".0";
		events.add(historyChunk(phoneNumberId, 0, 1, 30, List.of(new HistoryThread(firstWa, List.of(
				new HistoryMessage("wamid.h0." + firstId, false, startSeconds - 3_600, "text", "{\"body\": \"yesterday\"}",
						"READ")))), onboarded.plusSeconds(100)));
		events.add(historyChunk(phoneNumberId, 1, 1, 60, phase1.subList(0, (phase1.size() + 1) / 2),
				onboarded.plusSeconds(101)));
		events.add(historyChunk(phoneNumberId, 1, 2, 80, phase1.subList((phase1.size() + 1) / 2, phase1.size()),
				onboarded.plusSeconds(102)));
		events.add(historyChunk(phoneNumberId, 2, 1, 100, List.of(new HistoryThread(firstWa, List.of(
				new HistoryMessage("wamid.h9." + firstId, true, startSeconds - 86_400 * 120, "text",
						"{\"body\": \"long ago\"}", "READ")))), onboarded.plusSeconds(103)));
		for (int c = 0; c < contacts; c++) {
			String id = tag + "." + c;
			events.add(historyMedia(phoneNumberId, contact(tag, c), "wamid.h2." + id, true,
					startSeconds - 86_400 * 30 + c + 5, "image",
					"{\"mime_type\": \"image/jpeg\", \"sha256\": \"def\", \"id\": \"media-h-" + c + "\"}",
					onboarded.plusSeconds(200)));
		}
		events.add(SyncFixtures.userPreferences(phoneNumberId, tag, firstWa, startSeconds + 5_000,
				onboarded.plusSeconds(300)));
		events.add(SyncFixtures.callTerminated(phoneNumberId, tag, firstWa, startSeconds + 6_000, 95,
				onboarded.plusSeconds(400)));
		return events;
	}

	/**
	 * The same events as Kafka and Meta may really deliver them: every record twice (some Meta
	 * redeliveries received later), the whole shuffled.
	 */
	public static List<SpecificRecord> duplicatedAndShuffled(List<SpecificRecord> events, long seed) {
		List<SpecificRecord> delivered = new ArrayList<>(events.size() * 2);
		for (SpecificRecord event : events) {
			delivered.add(event);
			if (event instanceof WebhookChange change) {
				delivered.add(SyncFixtures.redelivery(change, change.getReceivedAt().plusSeconds(3_600)));
			}
			else {
				delivered.add(event);
			}
		}
		Collections.shuffle(delivered, new Random(seed));
		return delivered;
	}

	public static String contact(String tag, int index) {
		return "55" + String.format("%03d", Math.floorMod(tag.hashCode(), 1000)) + String.format("%07d", index);
	}
}
