package io.wabaflow.sync.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.sync.pricing.PricingQueries;
import io.wabaflow.sync.rebuild.ActiveGeneration;

/** What a number's messages cost, as Meta's status webhooks priced them, by category (from/to: status times). */
@RestController
class PricingController {

	/** The summary of a number over [from, to). */
	record PricingSummary(String phoneNumberId, Instant from, Instant to, List<PricingQueries.Line> lines) {
	}

	private final ActiveGeneration active;

	private final PricingQueries pricing = new PricingQueries();

	PricingController(ActiveGeneration active) {
		this.active = active;
	}

	@GetMapping("/api/v1/phone-numbers/{phoneNumberId}/pricing")
	@RequiresScope(Scope.READ)
	PricingSummary pricing(Principal caller, @PathVariable String phoneNumberId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		Instant since = instant("from", from);
		Instant until = instant("to", to);
		if (since != null && until != null && !since.isBefore(until)) {
			throw new BadRequestException("from must be before to");
		}
		return active.read(caller, handle -> {
			NumberAccess.check(handle, caller, phoneNumberId);
			return new PricingSummary(phoneNumberId, since, until, pricing.summary(handle, phoneNumberId, since, until));
		});
	}

	private static Instant instant(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException e) {
			throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, got '"
					+ value + "'");
		}
	}
}
