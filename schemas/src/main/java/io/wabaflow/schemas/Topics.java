package io.wabaflow.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.wabaflow.schemas.access.ApiKey;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.media.MediaDownload;
import io.wabaflow.schemas.media.MediaEvent;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.OnboardingContinuation;
import io.wabaflow.schemas.onboarding.OnboardingEvent;
import io.wabaflow.schemas.ops.Redrive;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.schemas.template.TemplateCommand;
import io.wabaflow.schemas.webhook.UnparsedWebhook;
import io.wabaflow.schemas.webhook.WebhookChange;

/**
 * The topic catalogue (DESIGN.md, "Topics (v1)"). Every service creates and reads topics from here, never
 * from string literals of its own. Keys are always strings.
 */
public final class Topics {

	private static final int PARTITIONS = 6;

	/** Verified webhook changes, one record per entry[].changes[]. Source of every projection: kept forever. */
	public static final TopicSpec WEBHOOKS = new TopicSpec("wabaflow.webhooks.v1",
			"phone_number_id (WABA id when none)", WebhookChange.class, PARTITIONS, false, null);

	public static final TopicSpec ONBOARDING_COMMANDS = new TopicSpec("wabaflow.commands.onboarding.v1",
			"tenant_id", OnboardingCommand.class, PARTITIONS, false, Duration.ofDays(7));

	public static final TopicSpec SEND_COMMANDS = new TopicSpec("wabaflow.commands.send.v1",
			"phone_number_id", SendMessage.class, PARTITIONS, false, Duration.ofDays(7));

	public static final TopicSpec ONBOARDING_EVENTS = new TopicSpec("wabaflow.onboarding.events.v1",
			"tenant_id", OnboardingEvent.class, PARTITIONS, false, null);

	/** Registry of active numbers; compacted, so the latest registration per number is always there. */
	public static final TopicSpec PHONE_NUMBERS = new TopicSpec("wabaflow.phone-numbers.v1",
			"phone_number_id", PhoneNumberRegistration.class, PARTITIONS, true, null);

	public static final TopicSpec MESSAGE_EVENTS = new TopicSpec("wabaflow.messages.events.v1",
			"phone_number_id", MessageEvent.class, PARTITIONS, false, null);

	public static final TopicSpec COMMAND_RESULTS = new TopicSpec("wabaflow.command-results.v1",
			"command_id", CommandResult.class, PARTITIONS, false, Duration.ofDays(7));

	/** Signed bodies that could not be parsed; kept until ops re-drive them. */
	public static final TopicSpec UNPARSED_WEBHOOKS = new TopicSpec("wabaflow.webhooks.unparsed.v1",
			"event_id", UnparsedWebhook.class, 1, false, null);

	/** What ops re-drove (dead letters, unparsed webhooks), so that a re-drive never publishes a record twice. */
	public static final TopicSpec OPS_REDRIVES = new TopicSpec("wabaflow.ops.redrives.v1",
			"<source topic>/<partition>/<offset>", Redrive.class, 1, true, null);

	/**
	 * The onboarding worker's own work queue: continuations of flows that are due now. Only the onboarding
	 * worker writes and reads it (and its delay tiers below); the flow's row in its database is the truth.
	 */
	public static final TopicSpec ONBOARDING_STEPS = new TopicSpec("wabaflow.onboarding.steps.v1",
			"onboarding_id", OnboardingContinuation.class, PARTITIONS, false, Duration.ofDays(7));

	/*
	 * Delay tiers of the onboarding work queue. Each tier has ONE fixed delay (configured in the worker, the
	 * topic name says the role, not the duration), so a partition's records come due in the order they were
	 * written and the consumer pauses the partition until its head is due. Longer delays hop through tiers.
	 */

	/** Short tier (default 1 s): the granularity of retry back-off. */
	public static final TopicSpec ONBOARDING_STEPS_DELAY_SHORT = new TopicSpec("wabaflow.onboarding.steps.delay-short.v1",
			"onboarding_id", OnboardingContinuation.class, PARTITIONS, false, Duration.ofDays(7));

	/** Poll tier (default 3 s): "check again whether the new WABA is visible". */
	public static final TopicSpec ONBOARDING_STEPS_DELAY_POLL = new TopicSpec("wabaflow.onboarding.steps.delay-poll.v1",
			"onboarding_id", OnboardingContinuation.class, PARTITIONS, false, Duration.ofDays(7));

	/** Long tier (default 5 min): the retry of a flow awaiting WABA creation, long back-offs. */
	public static final TopicSpec ONBOARDING_STEPS_DELAY_LONG = new TopicSpec("wabaflow.onboarding.steps.delay-long.v1",
			"onboarding_id", OnboardingContinuation.class, PARTITIONS, false, Duration.ofDays(7));

	/**
	 * The API keys of every service's HTTP API (key id → tenant, scopes, SHA-256, expiry); compacted, a
	 * tombstone revokes. Every service materialises it in memory, so revoking takes effect everywhere in seconds.
	 */
	public static final TopicSpec API_KEYS = new TopicSpec("wabaflow.api-keys.v1", "key_id", ApiKey.class, 1, true,
			null);

	/** What became of each media item Meta sent: stored (its SHA-256 in the media store) or failed with a reason. */
	public static final TopicSpec MEDIA_EVENTS = new TopicSpec("wabaflow.media.events.v1", "phone_number_id",
			MediaEvent.class, PARTITIONS, false, null);

	/**
	 * The base of the media downloads' delay topics ({@code wabaflow.media.downloads.v1-retry-<ms>}, made by the
	 * sender): listed so that their dead-letter topic exists and ops tools know their records.
	 */
	public static final TopicSpec MEDIA_DOWNLOADS = new TopicSpec("wabaflow.media.downloads.v1", "phone_number_id",
			MediaDownload.class, PARTITIONS, false, Duration.ofDays(7));

	/** Create and delete message templates of a WABA (the sender acts on them through Meta). */
	public static final TopicSpec TEMPLATE_COMMANDS = new TopicSpec("wabaflow.commands.templates.v1", "waba_id",
			TemplateCommand.class, PARTITIONS, false, Duration.ofDays(7));

	public static final List<TopicSpec> ALL = List.of(WEBHOOKS, ONBOARDING_COMMANDS, SEND_COMMANDS,
			ONBOARDING_EVENTS, PHONE_NUMBERS, MESSAGE_EVENTS, COMMAND_RESULTS, UNPARSED_WEBHOOKS, OPS_REDRIVES,
			ONBOARDING_STEPS, ONBOARDING_STEPS_DELAY_SHORT, ONBOARDING_STEPS_DELAY_POLL, ONBOARDING_STEPS_DELAY_LONG, API_KEYS,
			MEDIA_EVENTS, MEDIA_DOWNLOADS, TEMPLATE_COMMANDS);

	private Topics() {
	}

	/**
	 * The catalogue entry a topic belongs to: the topic itself, or the topic whose dead-letter or Spring
	 * retry topic it is ({@code <topic>.dlt}, {@code <topic>-retry-3000}, {@code <topic>-<group>-dlt}).
	 */
	public static Optional<TopicSpec> find(String topic) {
		return ALL.stream()
				.filter(spec -> topic.equals(spec.name()) || topic.startsWith(spec.name() + ".")
						|| topic.startsWith(spec.name() + "-"))
				.findFirst();
	}
}
