package io.wabaflow.sync.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.sync.events.WebhookEventQueries;
import io.wabaflow.sync.events.WebhookEventView;
import io.wabaflow.sync.rebuild.ActiveGeneration;

/**
 * The changes of fields the projections do not model, of a number and of its WABA (template status, quality and
 * throughput updates, account reviews, calls, user preferences, value-level errors, ...), newest first: every
 * signed change leaves a trace a tenant can read.
 */
@RestController
class WebhookEventsController {

	private final ActiveGeneration active;

	private final WebhookEventQueries events = new WebhookEventQueries();

	WebhookEventsController(ActiveGeneration active) {
		this.active = active;
	}

	@GetMapping("/api/v1/phone-numbers/{phoneNumberId}/webhook-events")
	@RequiresScope(Scope.READ)
	Page<WebhookEventView> webhookEvents(Principal caller, @PathVariable String phoneNumberId,
			@RequestParam(required = false) String field, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		int size = Limits.of(limit);
		Cursor after = Cursor.decode(cursor);
		if (after != null && after.at() == null) {
			throw new BadRequestException("Invalid cursor");
		}
		List<WebhookEventView> items = active.read(caller, handle -> {
			NumberAccess.check(handle, caller, phoneNumberId);
			return events.list(handle, phoneNumberId, field, after == null ? null : after.at(),
					after == null ? null : after.id(), size + 1);
		});
		return ConversationsController.page(items, size, last -> new Cursor(last.receivedAt(), last.eventId()));
	}
}
