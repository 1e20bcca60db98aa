package io.wabaflow.sandbox.graph;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.world.Business;
import io.wabaflow.sandbox.world.Page;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.World;

/**
 * What a caller may see. The partner's system user sees everything; a business token sees its own business,
 * the WABAs that business owns and the WABAs granted to it in Embedded Signup, and their phone numbers, and the
 * pages of its user and of its business. Whatever a caller may not see answers exactly like something that does
 * not exist (Graph error 100, "Unsupported ...").
 */
@Component
public class GraphAccess {

	private final World world;

	GraphAccess(World world) {
		this.world = world;
	}

	public boolean sees(Caller caller, Business business) {
		return switch (caller.kind()) {
			case SYSTEM_USER -> true;
			// a client may read the partner's client list; it is filtered to what the client sees
			case BUSINESS -> business.id().equals(caller.businessId()) || business.partner();
			case APP -> false;
		};
	}

	public boolean sees(Caller caller, Waba waba) {
		return switch (caller.kind()) {
			case SYSTEM_USER -> true;
			case BUSINESS -> waba.ownerBusinessId().equals(caller.businessId())
					|| caller.grantedWabaIds().contains(waba.id());
			case APP -> false;
		};
	}

	public boolean sees(Caller caller, Page page) {
		return switch (caller.kind()) {
			case SYSTEM_USER -> true;
			case BUSINESS -> (caller.pageIds() != null && caller.pageIds().contains(page.id()))
					|| caller.businessId().equals(page.businessId());
			case APP -> false;
		};
	}

	public boolean sees(Caller caller, PhoneNumber phone) {
		return world.waba(phone.wabaId()).filter(Waba::visible).filter(waba -> sees(caller, waba)).isPresent();
	}

	/** A WABA the caller may use (visible, permitted), else Graph's "unsupported" error. Does not count as a poll. */
	public Waba waba(Caller caller, String id, String method) {
		return world.waba(id).filter(Waba::visible).filter(waba -> sees(caller, waba))
				.orElseThrow(() -> GraphErrors.unsupported(method, id));
	}

	public PhoneNumber phone(Caller caller, String id, String method) {
		return world.phone(id).filter(phone -> sees(caller, phone))
				.orElseThrow(() -> GraphErrors.unsupported(method, id));
	}

	public Page page(Caller caller, String id, String method) {
		return world.page(id).filter(page -> sees(caller, page))
				.orElseThrow(() -> GraphErrors.unsupported(method, id));
	}

	public Business business(Caller caller, String id, String method) {
		return world.business(id).filter(business -> sees(caller, business))
				.orElseThrow(() -> GraphErrors.unsupported(method, id));
	}
}
