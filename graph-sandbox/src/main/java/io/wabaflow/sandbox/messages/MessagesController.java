package io.wabaflow.sandbox.messages;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.FaultRule;
import io.wabaflow.sandbox.graph.Faults;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphCall;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.media.MediaInMessages;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.templates.Templates;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.WhatsAppUser;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /{phone_number_id}/messages} [§4]: validates, applies the number's throughput (130429) and the
 * pair rate (131056), answers {@code contacts[]} + {@code messages[].id}, then emits the status webhooks. A
 * free-form message to a user whose window is closed is accepted and then fails with 131047, as Meta documents
 * ({@code sandbox.messaging.window-violation=sync}, or the scenario's messaging rules, answer 400 instead). Media
 * named by id must be the business's ({@link MediaInMessages}). Also marks messages as read.
 */
@RestController
class MessagesController {

	private final World world;
	private final GraphAccess access;
	private final Faults faults;
	private final RateLimits limits;
	private final ServiceWindows windows;
	private final Templates templates;
	private final SentMessages sentMessages;
	private final InboundMessages inbound;
	private final StatusProgression statuses;
	private final Wamids wamids;
	private final SandboxProperties properties;
	private final MessagingRules rules;
	private final MediaInMessages media;
	private final Clock clock;

	MessagesController(World world, GraphAccess access, Faults faults, RateLimits limits, ServiceWindows windows,
			Templates templates, SentMessages sentMessages, InboundMessages inbound, StatusProgression statuses,
			Wamids wamids, SandboxProperties properties, MessagingRules rules, MediaInMessages media, Clock clock) {
		this.world = world;
		this.access = access;
		this.faults = faults;
		this.limits = limits;
		this.windows = windows;
		this.templates = templates;
		this.sentMessages = sentMessages;
		this.inbound = inbound;
		this.statuses = statuses;
		this.wamids = wamids;
		this.properties = properties;
		this.rules = rules;
		this.media = media;
		this.clock = clock;
	}

	@PostMapping("/{version:v\\d+\\.0}/{phoneNumberId}/messages")
	ObjectNode send(@PathVariable String phoneNumberId, HttpServletRequest request) {
		PhoneNumber phone = access.phone(Callers.of(request), phoneNumberId, "POST");
		GraphParams params = GraphParams.of(request);
		params.requireWhatsAppProduct();
		if (!phone.registered()) {
			throw GraphErrors.of(133010);
		}
		if (params.string("status").isPresent()) {
			return markRead(phone, params);
		}
		OutboundRequest out = MessageValidator.validate(params.all());
		Optional<String> unusableMedia = media.check(phone, out.type(), out.body(), rules.rules().strictMedia());
		if (!limits.allowSend(phone)) {
			throw GraphErrors.of(130429);
		}
		WhatsAppUser user = world.userForRecipient(out.to()).orElseThrow(() -> GraphErrors.of(131026));
		if (user.waId().equals(phone.displayDigits())) {
			throw GraphErrors.of(131021);
		}
		if (!limits.allowPair(phone.id(), user.waId())) {
			throw GraphErrors.of(131056);
		}
		String category = out.isTemplate()
				? templates.check(phone.wabaId(), out.templateName(), out.templateLanguage(),
						out.templateBodyParameters(), rules.rules().strictTemplates())
				: "service";
		boolean windowOpen = windows.isOpen(phone.id(), user.waId());
		if (!out.isTemplate() && !windowOpen && rules.rules().windowViolationSync()) {
			throw GraphErrors.of(131047);
		}
		StatusProgression.Outcome outcome = outcome(out, user, windowOpen, unusableMedia, GraphCall.of(request));

		Instant now = clock.instant();
		String wamid = wamids.outbound(user.waId());
		SentMessages.Sent sent = sentMessages.record(wamid, phone.id(), out.to(), user.waId(), out.type(), now,
				out.body());
		statuses.start(phone, sent, out.bizOpaqueCallbackData(), pricing(out, category, phone, user, now), outcome);

		ObjectNode body = Json.object();
		body.put("messaging_product", "whatsapp");
		ObjectNode contact = body.putArray("contacts").addObject();
		contact.put("input", out.to());
		if (WhatsAppUser.isBsuid(out.to())) {
			contact.put("user_id", user.bsuid()); // a send to a BSUID does not reveal the phone
		}
		else {
			contact.put("wa_id", user.waId());
		}
		ObjectNode message = body.putArray("messages").addObject();
		message.put("id", wamid);
		if (out.isTemplate()) {
			// template pacing status [MSGAPI]; the sandbox never holds templates for quality assessment
			message.put("message_status", "accepted");
		}
		return body;
	}

	private StatusProgression.Outcome outcome(OutboundRequest out, WhatsAppUser user, boolean windowOpen,
			Optional<String> unusableMedia, GraphCall call) {
		var injected = faults.takeStatusFault(call);
		if (injected.isPresent()) {
			FaultRule rule = injected.get();
			return new StatusProgression.Failed(rule.code(), rule.details());
		}
		if (unusableMedia.isPresent()) {
			return new StatusProgression.Failed(131053, unusableMedia.get());
		}
		if (!out.isTemplate() && !windowOpen) {
			return new StatusProgression.Failed(131047, null);
		}
		if (!user.onWhatsApp()) {
			return new StatusProgression.Failed(131026, null);
		}
		if (out.isReaction()) {
			return new StatusProgression.SentOnly();
		}
		return new StatusProgression.Normal(user.readsMessages());
	}

	private Pricing pricing(OutboundRequest out, String category, PhoneNumber phone, WhatsAppUser user,
			Instant now) {
		if (out.isTemplate()) {
			return new Pricing(category, "regular", true, now.plus(properties.messaging().serviceWindow()));
		}
		return new Pricing("service", "free_customer_service", false,
				windows.closesAt(phone.id(), user.waId()).orElse(null));
	}

	/**
	 * {@code {"messaging_product":"whatsapp","status":"read","message_id":"<wamid>"}} → {@code {"success":true}}; an
	 * optional {@code "typing_indicator":{"type":"text"}} shows the user that an answer is being typed [T-NOTES], any
	 * other shape of it is error 100.
	 */
	private ObjectNode markRead(PhoneNumber phone, GraphParams params) {
		String status = params.required("status");
		if (!status.equals("read")) {
			throw GraphErrors.invalidParameter("Param status must be one of {READ} - got \"" + status + "\".");
		}
		String messageId = params.required("message_id");
		if (!inbound.received(phone.id(), messageId)) {
			throw GraphErrors.invalidParameter("Invalid message_id: " + messageId
					+ " is not a message received by this phone number.");
		}
		JsonNode typing = params.node("typing_indicator");
		if (!typing.isMissingNode() && !typing.isNull() && !"text".equals(typing.path("type").asString(""))) {
			throw GraphErrors.invalidParameter("Param typing_indicator[type] must be one of {TEXT} - got \""
					+ typing.path("type").asString("") + "\".");
		}
		ObjectNode body = Json.object();
		body.put("success", true);
		return body;
	}
}
