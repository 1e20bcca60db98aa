package io.wabaflow.sync.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.sync.rebuild.ActiveGeneration;

/** The caller's numbers with their state (an operator key: every number in the registry). */
@RestController
class PhoneNumbersController {

	private final ActiveGeneration active;

	PhoneNumbersController(ActiveGeneration active) {
		this.active = active;
	}

	@GetMapping("/api/v1/phone-numbers")
	@RequiresScope(Scope.READ)
	Page<NumberAccess.NumberView> numbers(Principal caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		int size = Limits.of(limit);
		Cursor after = Cursor.decode(cursor);
		List<NumberAccess.NumberView> items = active.read(caller, handle -> NumberAccess.list(handle, caller,
				after == null ? null : after.id(), size + 1));
		return ConversationsController.page(items, size, last -> new Cursor(null, last.phoneNumberId()));
	}
}
