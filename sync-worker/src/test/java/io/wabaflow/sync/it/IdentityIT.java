package io.wabaflow.sync.it;

import static io.wabaflow.sync.SyncFixtures.contactCardByBsuid;
import static io.wabaflow.sync.SyncFixtures.echoToBoth;
import static io.wabaflow.sync.SyncFixtures.inboundByBsuid;
import static io.wabaflow.sync.SyncFixtures.inboundGroupText;
import static io.wabaflow.sync.SyncFixtures.inboundText;
import static io.wabaflow.sync.SyncFixtures.inboundWithBoth;
import static io.wabaflow.sync.SyncFixtures.outbound;
import static io.wabaflow.sync.SyncFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.sync.rebuild.GenerationSchemas;

/**
 * Who a conversation is with, since business-scoped user ids (issue 15, facts §2.0): a user who writes with a BSUID
 * only has a conversation of their own; the business's answer to that BSUID joins it; when a later webhook names the
 * user by phone and BSUID together, the two are one person and one conversation with every message, reachable by
 * either id, in whatever order the webhooks arrive. A group message never lands in its author's one-to-one chat.
 */
class IdentityIT extends SyncIntegrationBase {

	private static final Duration PROJECTED = Duration.ofSeconds(60);

	private static final long START = 1_784_000_000L;

	private record Story(String number, String phone, String bsuid, List<SpecificRecord> events) {
	}

	/**
	 * BSUID-only message, answer to the BSUID, BSUID-only message, then one webhook with both names. Ids, phone and
	 * BSUID derive from {@code tag}, never from the number: two numbers told the same story project comparable rows.
	 */
	private static Story story(String number, String tag) {
		String phone = "5521" + (10_000_000 + new Random(tag.hashCode()).nextInt(89_999_999));
		String bsuid = "BR." + Integer.toHexString(tag.hashCode()).toUpperCase() + "X" + tag.length();
		long t = START;
		List<SpecificRecord> events = List.of(
				registration(number, NumberType.CLOUD, Instant.ofEpochSecond(t)),
				inboundByBsuid(number, bsuid, "cliente.vip", "wamid.b1." + tag, t + 10, "Oi, sou eu",
						Instant.ofEpochSecond(t + 10)),
				outbound(number, "cmd-ans-" + tag, bsuid, OutboundStatus.SENT, "wamid.ans." + tag, "TEXT",
						"{\"body\": \"Olá!\"}", "AGENT", Instant.ofEpochSecond(t + 20)),
				inboundByBsuid(number, bsuid, "cliente.vip", "wamid.b2." + tag, t + 30, "Obrigado",
						Instant.ofEpochSecond(t + 30)),
				inboundWithBoth(number, phone, bsuid, "wamid.both." + tag, t + 40, "Meu número apareceu",
						Instant.ofEpochSecond(t + 40)));
		return new Story(number, phone, bsuid, events);
	}

	@Test
	void aBsuidOnlyUserHasAConversationThatTheRevealedPhoneJoinsWithEveryMessage() {
		String number = "pn-bsuid-" + UUID.randomUUID().toString().substring(0, 8);
		Story story = story(number, number);
		// before the phone is known: one conversation, keyed by the BSUID, with the answer in it
		sync.produce(story.events().subList(0, 4));
		sync.awaitActiveCaughtUp(PROJECTED);
		List<Map<String, Object>> before = sync.items("/api/v1/phone-numbers/" + number + "/conversations");
		assertThat(before).hasSize(1);
		assertThat(before.get(0).get("id")).isEqualTo(number + ":" + story.bsuid());
		Map<?, ?> contact = (Map<?, ?>) before.get(0).get("contact");
		assertThat(contact.get("wa_id")).isNull();
		assertThat(contact.get("user_id")).isEqualTo(story.bsuid());
		assertThat(contact.get("username")).isEqualTo("cliente.vip");
		assertThat(((Map<?, ?>) before.get(0).get("counts")).get("total")).isEqualTo(3);
		// the customer service window runs from the BSUID user's last message
		assertThat(before.get(0).get("last_user_message_at")).isEqualTo(Instant.ofEpochSecond(START + 30).toString());
		assertThat(before.get(0).get("window_expires_at"))
				.isEqualTo(Instant.ofEpochSecond(START + 30 + 86_400).toString());

		sync.produce(story.events().subList(4, 5));
		sync.awaitActiveCaughtUp(PROJECTED);

		List<Map<String, Object>> after = sync.items("/api/v1/phone-numbers/" + number + "/conversations");
		assertThat(after).as("one person, one conversation").hasSize(1);
		assertThat(after.get(0).get("id")).isEqualTo(number + ":" + story.phone());
		Map<?, ?> merged = (Map<?, ?>) after.get(0).get("contact");
		assertThat(merged.get("wa_id")).isEqualTo(story.phone());
		assertThat(merged.get("user_id")).isEqualTo(story.bsuid());
		assertThat(((Map<?, ?>) after.get(0).get("counts")).get("total")).isEqualTo(4);
		assertThat(((Map<?, ?>) after.get(0).get("counts")).get("inbound")).isEqualTo(3);
		List<String> byPhone = messageIds("/api/v1/conversations/" + number + ":" + story.phone() + "/messages");
		List<String> byBsuid = messageIds("/api/v1/conversations/" + number + ":" + story.bsuid() + "/messages");
		assertThat(byPhone).containsExactly("wamid.both." + number, "wamid.b2." + number, "cmd:cmd-ans-" + number,
				"wamid.b1." + number);
		assertThat(byBsuid).as("the BSUID still finds the conversation").isEqualTo(byPhone);
		assertThat(sync.items("/api/v1/phone-numbers/" + number + "/contacts"))
				.allSatisfy(row -> assertThat(row.get("conversation_id")).isEqualTo(number + ":" + story.phone()));
	}

	@Test
	void theLinkFirstOrLastAndEveryDuplicateGiveTheSameRows() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String tag = "story-" + suffix;
		Story inOrder = story("pn-idord-" + suffix, tag);
		Story shuffled = story("pn-idshf-" + suffix, tag);
		List<SpecificRecord> messy = new ArrayList<>(shuffled.events().subList(1, 5));
		messy.addAll(shuffled.events().subList(1, 5));
		Collections.shuffle(messy, new Random(7));
		Collections.swap(messy, 0, messy.indexOf(shuffled.events().get(4))); // the link comes first
		messy.add(0, shuffled.events().get(0));
		sync.produce(inOrder.events());
		sync.produce(messy);
		var active = sync.awaitActiveCaughtUp(PROJECTED);

		for (String table : GenerationSchemas.TABLES) {
			List<String> expected = sync.rows(active.schemaName(), table, inOrder.number()).stream()
					.sorted().toList();
			List<String> actual = sync.rows(active.schemaName(), table, shuffled.number()).stream()
					.map(row -> row.replace(shuffled.number(), inOrder.number())).sorted().toList();
			assertThat(actual).as("table %s", table).isEqualTo(expected);
		}
		assertThat(sync.items("/api/v1/phone-numbers/" + shuffled.number() + "/conversations")).hasSize(1);
	}

	@Test
	void aGroupMessageIsTheGroupsNotItsAuthorsOneToOneConversation() {
		String number = "pn-group-" + UUID.randomUUID().toString().substring(0, 8);
		String member = "5531977776666";
		long t = 1_784_100_000L;
		sync.produce(List.of(registration(number, NumberType.CLOUD, Instant.ofEpochSecond(t)),
				inboundText(number, member, "Membro", "wamid.one." + number, t + 1, "só pra você", Instant.ofEpochSecond(t + 1)),
				inboundGroupText(number, member, "wamid.grp." + number, t + 2, Instant.ofEpochSecond(t + 2)),
				inboundText(number, member, "Membro", "wamid.two." + number, t + 3, "de novo", Instant.ofEpochSecond(t + 3))));
		sync.awaitActiveCaughtUp(PROJECTED);

		List<Map<String, Object>> listed = sync.items("/api/v1/phone-numbers/" + number + "/conversations");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("id")).isEqualTo(number + ":" + member);
		assertThat(((Map<?, ?>) listed.get(0).get("counts")).get("total")).isEqualTo(2);
		assertThat(messageIds("/api/v1/conversations/" + number + ":" + member + "/messages"))
				.containsExactly("wamid.two." + number, "wamid.one." + number);
		List<Map<String, Object>> group = sync.items("/api/v1/conversations/" + number + ":group:g-1/messages");
		assertThat(group).singleElement().satisfies(message -> {
			assertThat(message.get("id")).isEqualTo("wamid.grp." + number);
			assertThat(message.get("author")).as("who wrote in the group").isEqualTo(member);
		});
		assertThat(sync.items("/api/v1/conversations/" + number + ":" + member + "/messages"))
				.allSatisfy(message -> assertThat(message.get("author")).isNull());
	}

	@Test
	void aBusinessAppEchoNamingPhoneAndBsuidJoinsTheBsuidOnlyConversation() {
		String number = "pn-echo-" + UUID.randomUUID().toString().substring(0, 8);
		String phone = "5541988887777";
		String bsuid = "BR.ECHO" + number.substring(8).toUpperCase();
		long t = 1_784_200_000L;
		sync.produce(List.of(registration(number, NumberType.COEXISTENCE, Instant.ofEpochSecond(t)),
				inboundByBsuid(number, bsuid, "so.username", "wamid.u1." + number, t + 1, "Oi", Instant.ofEpochSecond(t + 1)),
				echoToBoth(number, phone, bsuid, "wamid.e1." + number, t + 2, "Oi! Do app", Instant.ofEpochSecond(t + 2))));
		sync.awaitActiveCaughtUp(PROJECTED);

		List<Map<String, Object>> listed = sync.items("/api/v1/phone-numbers/" + number + "/conversations");
		assertThat(listed).as("the echo's phone and BSUID are one person").hasSize(1);
		assertThat(listed.get(0).get("id")).isEqualTo(number + ":" + phone);
		assertThat(messageIds("/api/v1/conversations/" + number + ":" + bsuid + "/messages"))
				.containsExactly("wamid.e1." + number, "wamid.u1." + number);
	}

	@Test
	void aPhoneSharedThroughARequestContactInfoTapJoinsTheBsuidConversationAForwardedCardDoesNot() {
		String number = "pn-share-" + UUID.randomUUID().toString().substring(0, 8);
		String bsuid = "BR.SHARE" + number.substring(9).toUpperCase();
		String ownPhone = "5551977775555";
		String friendsPhone = "5551966664444";
		long t = 1_784_300_000L;
		sync.produce(List.of(registration(number, NumberType.CLOUD, Instant.ofEpochSecond(t)),
				inboundByBsuid(number, bsuid, "quer.privacidade", "wamid.s1." + number, t + 1, "Oi", Instant.ofEpochSecond(t + 1)),
				contactCardByBsuid(number, bsuid, "other", friendsPhone, "wamid.s2." + number, t + 2,
						Instant.ofEpochSecond(t + 2)),
				contactCardByBsuid(number, bsuid, "contact_request", ownPhone, "wamid.s3." + number, t + 3,
						Instant.ofEpochSecond(t + 3))));
		sync.awaitActiveCaughtUp(PROJECTED);

		List<Map<String, Object>> listed = sync.items("/api/v1/phone-numbers/" + number + "/conversations");
		assertThat(listed).as("the shared phone is the BSUID user's own; the forwarded card is someone else").hasSize(1);
		assertThat(listed.get(0).get("id")).isEqualTo(number + ":" + ownPhone);
		assertThat(((Map<?, ?>) listed.get(0).get("contact")).get("user_id")).isEqualTo(bsuid);
		assertThat(messageIds("/api/v1/conversations/" + number + ":" + ownPhone + "/messages"))
				.containsExactly("wamid.s3." + number, "wamid.s2." + number, "wamid.s1." + number);
	}

	private List<String> messageIds(String path) {
		return sync.items(path).stream().map(message -> (String) message.get("id")).toList();
	}
}
