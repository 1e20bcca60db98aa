package io.wabaflow.sandbox.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.coexistence.BusinessAppData;
import io.wabaflow.sandbox.coexistence.BusinessApps;
import io.wabaflow.sandbox.graph.FaultRule;
import io.wabaflow.sandbox.graph.Faults;
import io.wabaflow.sandbox.messages.InboundMessages;
import io.wabaflow.sandbox.messages.MessagingRules;
import io.wabaflow.sandbox.runtime.SandboxClock;
import io.wabaflow.sandbox.runtime.SandboxReset;
import io.wabaflow.sandbox.webhooks.CallbackTarget;
import io.wabaflow.sandbox.webhooks.CallbackVerifier;
import io.wabaflow.sandbox.webhooks.ChaosRule;
import io.wabaflow.sandbox.webhooks.DeliveryChaos;
import io.wabaflow.sandbox.webhooks.Webhook;
import io.wabaflow.sandbox.webhooks.WebhookDispatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenario API, the events and the trouble: user messages, Business-app contacts, history and echoes, raw
 * webhooks, injected Graph errors, messaging rules, delivery chaos, the clock, the callback configuration, reset.
 */
@RestController
@RequestMapping("/sandbox")
class TroubleScenarioController {

	record InboundRequest(String phoneNumberId, String from, String name, String type, String text,
			JsonNode content, String contextMessageId, Long timestamp, String username, Boolean phoneHidden,
			String groupId) {
	}

	record Contacts(List<BusinessAppData.AppContact> contacts) {
	}

	record History(List<BusinessApps.HistoryEntry> messages) {
	}

	/**
	 * {@code deliverAs}: {@code response} (default) or {@code status} (messages only: a failed status webhook).
	 * {@code phoneNumberId} is a synonym of {@code nodeId}.
	 */
	record ErrorRule(String operation, String method, String path, String nodeId, String phoneNumberId, Integer code,
			Integer times, String message, String details, String deliverAs) {
	}

	record Echo(String phoneNumberId, String to, String type, String text, JsonNode content) {
	}

	/** Anything the sandbox does not model, delivered as is: {@code value} inside Meta's envelope. */
	record RawWebhook(String field, String wabaId, String phoneNumberId, JsonNode value, Long entryTime) {
	}

	record Rules(Boolean windowViolationSync, Boolean strictTemplates, Boolean strictMedia) {
	}

	record Chaos(String effect, String field, Integer count, Double probability, Long delayMs, String order) {
	}

	record ClockAdvance(Long seconds, String duration) {
	}

	record Reset(Long seed) {
	}

	record CallbackChange(String callbackUrl, String verifyToken, String appSecret) {
	}

	private final InboundMessages inbound;
	private final BusinessApps businessApps;
	private final Faults faults;
	private final DeliveryChaos chaos;
	private final SandboxClock clock;
	private final SandboxReset reset;
	private final CallbackTarget callback;
	private final CallbackVerifier verifier;
	private final WebhookDispatcher dispatcher;
	private final MessagingRules rules;

	TroubleScenarioController(InboundMessages inbound, BusinessApps businessApps, Faults faults, DeliveryChaos chaos,
			SandboxClock clock, SandboxReset reset, CallbackTarget callback, CallbackVerifier verifier,
			WebhookDispatcher dispatcher, MessagingRules rules) {
		this.inbound = inbound;
		this.businessApps = businessApps;
		this.faults = faults;
		this.chaos = chaos;
		this.clock = clock;
		this.reset = reset;
		this.callback = callback;
		this.verifier = verifier;
		this.dispatcher = dispatcher;
		this.rules = rules;
	}

	/** A WhatsApp user writes to the business: opens the service window and delivers a messages webhook. */
	@PostMapping("/inbound")
	@ResponseStatus(HttpStatus.CREATED)
	InboundMessages.Injected inbound(@RequestBody InboundRequest request) {
		return inbound.inject(request.phoneNumberId(), new InboundMessages.Inbound(request.from(), request.name(),
				request.type(), request.text(), request.content(), request.contextMessageId(), request.timestamp(),
				request.username(), Boolean.TRUE.equals(request.phoneHidden()), request.groupId()));
	}

	/** The business replies from the WhatsApp Business app (coexistence): an smb_message_echoes webhook. */
	@PostMapping("/echoes")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> echo(@RequestBody Echo request) {
		return Map.of("wamid", businessApps.echo(request.phoneNumberId(), request.to(), request.type(), request.text(),
				request.content()));
	}

	@PostMapping("/webhooks")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> rawWebhook(@RequestBody RawWebhook request) {
		if (request.field() == null || request.wabaId() == null || request.value() == null
				|| !request.value().isObject()) {
			throw new IllegalArgumentException("field, wabaId and an object value are required");
		}
		return Map.of("deliveryIds", dispatcher.dispatch(new Webhook(request.field(), request.wabaId(),
				request.phoneNumberId(), (ObjectNode) request.value().deepCopy(), request.entryTime())));
	}

	@GetMapping("/messaging-rules")
	MessagingRules.Rules rules() {
		return rules.rules();
	}

	/**
	 * {@code windowViolationSync}: a closed window answers 400/131047 instead of a failed status;
	 * {@code strictTemplates} / {@code strictMedia}: unknown templates (132001) / media ids (100) are refused.
	 */
	@PutMapping("/messaging-rules")
	MessagingRules.Rules changeRules(@RequestBody Rules request) {
		return rules.change(request.windowViolationSync(), request.strictTemplates(), request.strictMedia());
	}

	@PostMapping("/phone-numbers/{phoneNumberId}/contacts")
	Map<String, Object> contacts(@PathVariable String phoneNumberId, @RequestBody Contacts request) {
		businessApps.putContacts(phoneNumberId, request.contacts() == null ? List.of() : request.contacts());
		return Map.of("contacts", request.contacts() == null ? 0 : request.contacts().size());
	}

	@DeleteMapping("/phone-numbers/{phoneNumberId}/contacts/{contactPhone}")
	Map<String, Object> removeContact(@PathVariable String phoneNumberId, @PathVariable String contactPhone) {
		return Map.of("removed", businessApps.removeContact(phoneNumberId, contactPhone));
	}

	@PostMapping("/phone-numbers/{phoneNumberId}/history")
	Map<String, Object> history(@PathVariable String phoneNumberId, @RequestBody History request) {
		var added = businessApps.addHistory(phoneNumberId, request.messages() == null ? List.of() : request.messages());
		return Map.of("messages", added);
	}

	@PostMapping("/errors")
	@ResponseStatus(HttpStatus.CREATED)
	FaultRule error(@RequestBody ErrorRule request) {
		if (request.code() == null) {
			throw new IllegalArgumentException("code is required");
		}
		FaultRule.DeliverAs deliverAs = request.deliverAs() == null ? FaultRule.DeliverAs.RESPONSE
				: FaultRule.DeliverAs.valueOf(request.deliverAs().toUpperCase(Locale.ROOT));
		String nodeId = request.nodeId() != null ? request.nodeId() : request.phoneNumberId();
		return faults.add(request.operation(), request.method(), request.path(), nodeId, request.code(),
				request.times(), request.message(), request.details(), deliverAs);
	}

	@GetMapping("/errors")
	List<FaultRule> errors() {
		return faults.rules();
	}

	@DeleteMapping("/errors")
	Map<String, Object> clearErrors() {
		faults.reset();
		return Map.of("cleared", true);
	}

	@DeleteMapping("/errors/{id}")
	Map<String, Object> removeError(@PathVariable String id) {
		return Map.of("removed", faults.remove(id));
	}

	/** Duplicate, delay or reorder the next deliveries. */
	@PostMapping("/delivery-chaos")
	@ResponseStatus(HttpStatus.CREATED)
	ChaosRule chaos(@RequestBody Chaos request) {
		if (request.effect() == null) {
			throw new IllegalArgumentException("effect is required: duplicate, delay or reorder");
		}
		return chaos.add(ChaosRule.Effect.valueOf(request.effect().toUpperCase(Locale.ROOT)), request.field(),
				request.count(), request.probability(),
				request.delayMs() == null ? null : Duration.ofMillis(request.delayMs()),
				request.order() == null ? null : ChaosRule.Order.valueOf(request.order().toUpperCase(Locale.ROOT)));
	}

	@GetMapping("/delivery-chaos")
	List<ChaosRule> chaosRules() {
		return chaos.rules();
	}

	@DeleteMapping("/delivery-chaos")
	Map<String, Object> clearChaos() {
		chaos.reset();
		return Map.of("cleared", true);
	}

	@GetMapping("/clock")
	Map<String, Object> clock() {
		return Map.of("now", clock.instant().toString(), "offset", clock.offset().toString());
	}

	/** Moves the sandbox's time forward ({@code seconds}, or an ISO-8601 {@code duration} such as PT24H). */
	@PostMapping("/clock/advance")
	Map<String, Object> advance(@RequestBody ClockAdvance request) {
		Duration by = request.duration() != null ? Duration.parse(request.duration())
				: Duration.ofSeconds(request.seconds() == null ? 0 : request.seconds());
		if (by.isNegative()) {
			throw new IllegalArgumentException("time only moves forward");
		}
		clock.advance(by);
		return clock();
	}

	@PostMapping("/reset")
	Map<String, Object> reset(@RequestBody(required = false) Reset request) {
		reset.reset(request == null ? null : request.seed());
		return Map.of("reset", true);
	}

	@GetMapping("/webhook-config")
	Map<String, Object> callback() {
		CallbackTarget.Settings settings = callback.settings();
		return Map.of("callbackUrl", settings.callbackUrl(), "verifyToken", settings.verifyToken(), "verified",
				settings.verified());
	}

	@PutMapping("/webhook-config")
	Map<String, Object> changeCallback(@RequestBody CallbackChange request) {
		callback.update(request.callbackUrl(), request.verifyToken(), request.appSecret());
		return callback();
	}

	/** Runs the GET verification handshake against the callback URL, as the App Dashboard does. */
	@PostMapping("/webhook-config/verify")
	CallbackVerifier.Result verify() {
		return verifier.verifyAppCallback();
	}
}
