package io.wabaflow.sync.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.sync.contacts.ContactQueries;
import io.wabaflow.sync.contacts.ContactView;
import io.wabaflow.sync.identity.UserIds;
import io.wabaflow.sync.rebuild.ActiveGeneration;

/** Contacts of a number, by wa_id. */
@RestController
class ContactsController {

	private final ActiveGeneration active;

	private final ContactQueries contacts = new ContactQueries();

	ContactsController(ActiveGeneration active) {
		this.active = active;
	}

	@GetMapping("/api/v1/phone-numbers/{phoneNumberId}/contacts")
	@RequiresScope(Scope.READ)
	Page<ContactView> contacts(Principal caller, @PathVariable String phoneNumberId, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		int size = Limits.of(limit);
		Cursor after = Cursor.decode(cursor);
		List<ContactView> items = active.read(caller, handle -> {
			NumberAccess.check(handle, caller, phoneNumberId);
			return contacts.list(handle, phoneNumberId, after == null ? null : after.id(), size + 1);
		});
		return ConversationsController.page(items, size, last -> new Cursor(null, last.id()));
	}

	/** One contact, by its id: the user's phone (any way of writing it), or the BSUID of a user known by BSUID only. */
	@GetMapping("/api/v1/phone-numbers/{phoneNumberId}/contacts/{contactId}")
	@RequiresScope(Scope.READ)
	ContactView contact(Principal caller, @PathVariable String phoneNumberId, @PathVariable String contactId) {
		String identity = UserIds.either(contactId);
		return active.read(caller, handle -> {
			NumberAccess.check(handle, caller, phoneNumberId);
			return contacts.find(handle, phoneNumberId, identity)
					.orElseThrow(() -> new NotFoundException("No contact " + contactId + " of " + phoneNumberId));
		});
	}
}
