package io.wabaflow.ingress.command;

import java.util.List;

import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.platform.access.Principal;

/**
 * The tenant a command acts for, from the caller's key: a tenant key acts for its own tenant only (naming
 * another one, or a number another tenant owns, is 404 as if it did not exist); an operator key acts for
 * the tenant it names or, for a number, the tenant that owns it.
 */
final class CommandTenant {

	private final NumberOwners owners;

	CommandTenant(NumberOwners owners) {
		this.owners = owners;
	}

	/** For a command without a number (start onboarding): the caller's tenant, or the one an operator names. */
	String of(Principal caller, String requestedTenant) {
		String requested = blankToNull(requestedTenant);
		if (caller.operator()) {
			if (requested == null) {
				throw new InvalidCommandException(List.of(new FieldViolation("tenant_id",
						"an operator key acts for no tenant of its own: name the tenant")));
			}
			return requested;
		}
		if (requested != null && !requested.equals(caller.tenantId())) {
			throw new NotOwnedException("No tenant " + requested);
		}
		return caller.tenantId();
	}

	/**
	 * For a command on a number: the number's owner must be the caller's tenant. A number the registry does
	 * not know (yet) goes on with the caller's tenant; the worker rejects it if it is not theirs.
	 */
	String ofNumber(Principal caller, String phoneNumberId, String requestedTenant) {
		String owner = owners.owner(phoneNumberId).orElse(null);
		if (caller.operator()) {
			String requested = blankToNull(requestedTenant);
			if (owner != null && requested != null && !owner.equals(requested)) {
				throw new NotOwnedException(unknownNumber(phoneNumberId));
			}
			if (owner == null && requested == null) {
				throw new InvalidCommandException(List.of(new FieldViolation("tenant_id",
						"phone number " + phoneNumberId + " is not in the registry yet: name the tenant it belongs to")));
			}
			return owner != null ? owner : requested;
		}
		String tenant = of(caller, requestedTenant);
		if (owner != null && !owner.equals(tenant)) {
			throw new NotOwnedException(unknownNumber(phoneNumberId));
		}
		return tenant;
	}

	static String unknownNumber(String phoneNumberId) {
		return "No phone number " + phoneNumberId;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
