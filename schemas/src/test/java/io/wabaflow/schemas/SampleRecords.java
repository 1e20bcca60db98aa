package io.wabaflow.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import io.wabaflow.schemas.access.ApiKey;
import io.wabaflow.schemas.command.CommandOutcome;
import io.wabaflow.schemas.command.CommandResult;
import io.wabaflow.schemas.message.MessageEvent;
import io.wabaflow.schemas.message.OutboundStatus;
import io.wabaflow.schemas.onboarding.CoexistenceSyncType;
import io.wabaflow.schemas.onboarding.OnboardingCommand;
import io.wabaflow.schemas.onboarding.OnboardingContinuation;
import io.wabaflow.schemas.onboarding.OnboardingEvent;
import io.wabaflow.schemas.onboarding.OnboardingEventType;
import io.wabaflow.schemas.onboarding.RequestCoexistenceSync;
import io.wabaflow.schemas.onboarding.StartOnboarding;
import io.wabaflow.schemas.ops.Redrive;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.schemas.send.MessageType;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.schemas.send.SenderKind;
import io.wabaflow.schemas.webhook.UnparsedWebhook;
import io.wabaflow.schemas.webhook.WebhookChange;

/** One filled-in record of every catalogue type (and of every union branch of the command envelope). */
public final class SampleRecords {

	// Avro's timestamp-millis keeps milliseconds only.
	static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123Z").truncatedTo(ChronoUnit.MILLIS);

	private SampleRecords() {
	}

	public static List<SpecificRecord> all() {
		return List.of(
				WebhookChange.newBuilder().setEventId("ev-1").setWabaId("102290129340398").setField("messages")
						.setPhoneNumberId("106540352242922")
						.setValueJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"text\":{\"body\":\"Ol\\u00e1 ✅\"}}]}")
						.setEntryTime(1_700_000_000L).setReceivedAt(NOW).build(),
				UnparsedWebhook.newBuilder().setEventId("ev-2")
						.setBody(ByteBuffer.wrap("not json {".getBytes(StandardCharsets.UTF_8)))
						.setContentType("application/json").setReason("Unexpected end of input").setReceivedAt(NOW).build(),
				OnboardingCommand.newBuilder().setCommandId("cmd-1").setTenantId("tenant-a").setIssuedAt(NOW)
						.setPayload(StartOnboarding.newBuilder().setCode("AQD-code").setState("st").setWabaId("waba-1")
								.setPhoneNumberId("pn-1").setBusinessId("biz-1").setSessionEvent("FINISH").build())
						.build(),
				OnboardingCommand.newBuilder().setCommandId("cmd-2").setTenantId("tenant-a").setIssuedAt(NOW)
						.setPayload(RequestCoexistenceSync.newBuilder().setPhoneNumberId("pn-1")
								.setSyncType(CoexistenceSyncType.HISTORY).build())
						.build(),
				OnboardingEvent.newBuilder().setEventId("oe-1").setOnboardingId("ob-1").setTenantId("tenant-a")
						.setType(OnboardingEventType.STEP_SUCCEEDED).setStep("create_waba").setStrategy("2C")
						.setWabaId("waba-1").setDetailsJson("{\"attempt\":1}").setOccurredAt(NOW).build(),
				PhoneNumberRegistration.newBuilder().setPhoneNumberId("pn-1").setTenantId("tenant-a")
						.setWabaId("waba-1").setDisplayPhoneNumber("+55 11 99999-0000").setNumberType(NumberType.COEXISTENCE)
						.setStatus(NumberStatus.ACTIVE).setEncryptedAccessToken(ByteBuffer.wrap(new byte[] {1, 2, 3}))
						.setThroughputMps(20).setOnboardedAt(NOW).setUpdatedAt(NOW).build(),
				SendMessage.newBuilder().setCommandId("cmd-3").setPhoneNumberId("pn-1").setTo("5511999990000")
						.setType(MessageType.TEXT).setContentJson("{\"body\":\"hello\"}").setReplyTo("wamid.X")
						.setSender(SenderKind.BOT).setIssuedAt(NOW).build(),
				MessageEvent.newBuilder().setEventId("me-1").setCommandId("cmd-3").setPhoneNumberId("pn-1")
						.setTo("5511999990000").setMessageType("TEXT").setStatus(OutboundStatus.SENT)
						.setWamid("wamid.HBg").setWaId("5511999990000").setOccurredAt(NOW).build(),
				CommandResult.newBuilder().setCommandId("cmd-2").setCommandType("RequestCoexistenceSync")
						.setTenantId("tenant-a").setOutcome(CommandOutcome.REJECTED).setHttpStatus(409).setErrorCode("ALREADY_REQUESTED")
						.setMessage("history sync was already requested").setOccurredAt(NOW).build(),
				Redrive.newBuilder().setSourceTopic("wabaflow.webhooks.v1.dlt").setSourcePartition(0).setSourceOffset(42L)
						.setTargetTopic("wabaflow.webhooks.v1").setRedrivenAt(NOW).build(),
				OnboardingContinuation.newBuilder().setOnboardingId("ob-1").setTenantId("tenant-a").setVersion(7)
						.setStep("POLLING_WABA").setAttempt(3).setDueAt(NOW.plusSeconds(9)).setNotBefore(NOW.plusSeconds(3))
						.build(),
				ApiKey.newBuilder().setKeyId("k1a2b3c4").setTenantId("tenant-a").setScopes(List.of("read", "messages:send"))
						.setKeySha256(ByteBuffer.wrap(new byte[32])).setDescription("crm").setCreatedAt(NOW)
						.setExpiresAt(NOW.plusSeconds(86_400)).build());
	}
}
