package io.wabaflow.platform.access;

/**
 * A resource the caller may not see: answered 404 exactly like one that does not exist, so nothing leaks
 * about other tenants.
 */
public final class NotOwnedException extends RuntimeException {

	public NotOwnedException(String detail) {
		super(detail, null, false, false);
	}

	/**
	 * Passes when {@code caller} may access a resource of {@code ownerTenant} ({@code null}: no tenant owns
	 * it, or it does not exist); else throws with {@code detail}, the same text a missing resource gets.
	 */
	public static void check(Principal caller, String ownerTenant, String detail) {
		if (!caller.mayAccess(ownerTenant)) {
			throw new NotOwnedException(detail);
		}
	}
}
