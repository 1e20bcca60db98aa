package io.wabaflow.metagraph.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.wabaflow.testsupport.PeerWebhooks;

/**
 * The parser against webhooks written by other people (test-support's peer-webhooks, sources in its SOURCES.md):
 * every file splits and every change of the fields we read parses, and the 2026 identities (business-scoped user
 * ids, usernames, parent ids, number changes) come out as Meta's own examples carry them.
 */
class PeerCorpusParsingTest {

	private final EnvelopeSplitter splitter = new EnvelopeSplitter();

	private final ChangeValueParser parser = new ChangeValueParser();

	@Test
	void everyFileOfTheCorpusSplitsAndItsMessagesChangesParse() {
		List<PeerWebhooks.Payload> corpus = PeerWebhooks.all();
		assertThat(corpus).hasSize(84);
		for (PeerWebhooks.Payload payload : corpus) {
			assertThatCode(() -> {
				for (EnvelopeChange change : splitter.split(payload.bytes())) {
					switch (change.field()) {
						case "messages" -> parser.messages(change.valueJson());
						case "smb_message_echoes" -> parser.messageEchoes(change.valueJson());
						case "smb_app_state_sync" -> parser.stateSync(change.valueJson());
						case "history" -> parser.history(change.valueJson());
						case "calls" -> parser.calls(change.valueJson());
						case "user_preferences" -> parser.userPreferences(change.valueJson());
						default -> {
							if (TemplateUpdate.isTemplateField(change.field())) {
								parser.templateUpdate(change.field(), change.valueJson());
							}
						}
					}
				}
			}).as(payload.name()).doesNotThrowAnyException();
		}
	}

	@Test
	void aUsernameUserComesWithABusinessScopedIdAndNoPhone() throws Exception {
		MessagesValue value = messages("006");
		ContactProfile contact = value.contacts().get(0);
		assertThat(contact.waId()).isNull();
		assertThat(contact.userId()).isEqualTo("US.13491208655302741918");
		assertThat(contact.parentUserId()).isEqualTo("US.ENT.11815799212886844830");
		assertThat(contact.username()).isEqualTo("realsheenanelson");
		assertThat(contact.name()).isEqualTo("Sheena Nelson");
		InboundMessage message = value.messages().get(0);
		assertThat(message.from()).isNull();
		assertThat(message.fromUserId()).isEqualTo("US.13491208655302741918");

		MessagesValue contactOnly = messages("007");
		assertThat(contactOnly.contacts().get(0).userId()).isEqualTo("BSUID_123");
		assertThat(contactOnly.messages().get(0).from()).isNull();
		assertThat(contactOnly.messages().get(0).fromUserId()).isNull();
	}

	@Test
	void aUserWithBothIdentitiesCarriesBothOnContactsMessagesAndStatuses() throws Exception {
		MessagesValue button = messages("020");
		assertThat(button.contacts().get(0).waId()).isEqualTo("972987654321");
		assertThat(button.contacts().get(0).userId()).isEqualTo("US.13491208655302741918");
		assertThat(button.messages().get(0).from()).isEqualTo("972987654321");
		assertThat(button.messages().get(0).fromUserId()).isEqualTo("US.13491208655302741918");

		MessageStatus delivered = messages("048").statuses().get(0);
		assertThat(delivered.recipientId()).isEqualTo("16505551234");
		assertThat(delivered.recipientUserId()).isEqualTo("US.13491208655302741918");
		assertThat(messages("048").contacts().get(0).username()).isEqualTo("pablomorales");

		MessageStatus bsuidOnly = messages("049").statuses().get(0);
		assertThat(bsuidOnly.recipientId()).isNull();
		assertThat(bsuidOnly.recipientUserId()).isEqualTo("US.13491208655302741918");
	}

	@Test
	void aChangedNumberNamesTheNewPhone() throws Exception {
		InboundMessage changed = messages("034").messages().get(0);
		assertThat(changed.from()).isEqualTo("16505551234");
		assertThat(changed.system()).isNotNull();
		assertThat(changed.system().type()).isEqualTo("user_changed_number");
		assertThat(changed.system().waId()).isEqualTo("12195555358");

		InboundMessage identity = messages("036").messages().get(0);
		assertThat(identity.system().type()).isEqualTo("customer_identity_changed");
		assertThat(identity.system().waId()).isNull();
		assertThat(messages("012").messages().get(0).system()).isNull();
	}

	@Test
	void aThroughputUpgradeNamesTheNumberByItsDisplayNumber() throws Exception {
		EnvelopeChange change = splitter.split(PeerWebhooks.get("081").bytes()).get(0);
		assertThat(change.field()).isEqualTo(WebhookFields.PHONE_NUMBER_QUALITY_UPDATE);
		QualityUpdate update = parser.qualityUpdate(change.valueJson());
		assertThat(update.event()).isEqualTo(QualityUpdate.THROUGHPUT_UPGRADE);
		assertThat(update.displayPhoneNumber()).isEqualTo("15550783881");
		assertThat(update.currentLimit()).isEqualTo("TIER_UNLIMITED");
	}

	@Test
	void templateChangesNameTheTemplateInTheLanguageFormSendsUse() throws Exception {
		TemplateUpdate approved = template("069");
		assertThat(approved.status()).isEqualTo("APPROVED");
		assertThat(approved.templateId()).isEqualTo("1689556908129832");
		assertThat(approved.name()).isEqualTo("order_confirmation");
		assertThat(approved.language()).isEqualTo("en_US");
		assertThat(approved.category()).isEqualTo("UTILITY");
		TemplateUpdate rejected = template("070");
		assertThat(rejected.status()).isEqualTo("REJECTED");
		assertThat(rejected.reason()).isEqualTo("INVALID_FORMAT");
		assertThat(template("071").status()).isEqualTo("FLAGGED");
		TemplateUpdate quality = template("072");
		assertThat(quality.status()).isNull();
		assertThat(quality.qualityScore()).isEqualTo("YELLOW");
		TemplateUpdate category = template("073");
		assertThat(category.category()).isEqualTo("UTILITY");
		assertThat(category.upcomingCategory()).isEqualTo("MARKETING");
		assertThat(category.upcomingCategoryAt()).isEqualTo(java.time.Instant.ofEpochSecond(1746169200));
	}

	@Test
	void aUserPreferenceSaysWhoStoppedOrResumedMarketing() throws Exception {
		EnvelopeChange change = splitter.split(PeerWebhooks.get("067").bytes()).get(0);
		assertThat(change.field()).isEqualTo(WebhookFields.USER_PREFERENCES);
		assertThat(parser.userPreferences(change.valueJson())).singleElement().satisfies(preference -> {
			assertThat(preference.waId()).isEqualTo("16505551234");
			assertThat(preference.category()).isEqualTo(UserPreference.MARKETING);
			assertThat(preference.value()).isEqualTo("resume");
			assertThat(preference.optsOut()).isFalse();
		});
	}

	private TemplateUpdate template(String file) throws Exception {
		EnvelopeChange change = splitter.split(PeerWebhooks.get(file).bytes()).get(0);
		return parser.templateUpdate(change.field(), change.valueJson());
	}

	@Test
	void aCapabilityUpdateCarriesTheMessagingLimitAndATierNamesOne() throws Exception {
		EnvelopeChange change = splitter.split(PeerWebhooks.get("079").bytes()).get(0);
		assertThat(change.field()).isEqualTo(WebhookFields.BUSINESS_CAPABILITY_UPDATE);
		CapabilityUpdate update = parser.capabilityUpdate(change.valueJson());
		assertThat(update.maxDailyConversations()).isEqualTo(2000);
		assertThat(update.maxPhoneNumbers()).isEqualTo(25);
		assertThat(parser.capabilityUpdate("{\"max_daily_conversation_per_phone\":1000}").maxDailyConversations())
				.as("the older per-phone name").isEqualTo(1000);
		assertThat(new QualityUpdate("1", "UPGRADE", "TIER_10K", null).messagingLimit())
				.contains(java.util.OptionalInt.of(10_000));
		assertThat(new QualityUpdate("1", "UPGRADE", "TIER_UNLIMITED", null).messagingLimit())
				.contains(java.util.OptionalInt.empty());
		assertThat(new QualityUpdate("1", "FLAGGED", null, null).messagingLimit()).isEmpty();
	}

	@Test
	void callEventsAndCallStatusesNameTheUser() throws Exception {
		CallsValue connect = parser.calls(splitter.split(PeerWebhooks.get("059").bytes()).get(0).valueJson());
		assertThat(connect.contacts().get(0).userId()).isEqualTo("US.13491208655302741918");
		assertThat(connect.calls()).singleElement().satisfies(call -> {
			assertThat(call.event()).isEqualTo("connect");
			assertThat(call.direction()).isEqualTo("BUSINESS_INITIATED");
			assertThat(call.to()).isEqualTo("16315553601");
		});
		CallsValue ringing = parser.calls(splitter.split(PeerWebhooks.get("060").bytes()).get(0).valueJson());
		assertThat(ringing.statuses()).singleElement().satisfies(status -> assertThat(status.event()).isEqualTo("ringing"));
		CallsValue terminated = parser.calls(splitter.split(PeerWebhooks.get("061").bytes()).get(0).valueJson());
		assertThat(terminated.calls().get(0).duration()).isEqualTo(120);
		assertThat(terminated.calls().get(0).status()).isEqualTo("COMPLETED");
		assertThat(terminated.errors()).extracting(WebhookError::code).containsExactly(12455);
	}

	private MessagesValue messages(String number) throws Exception {
		return parser.messages(splitter.split(PeerWebhooks.get(number).bytes()).get(0).valueJson());
	}
}
