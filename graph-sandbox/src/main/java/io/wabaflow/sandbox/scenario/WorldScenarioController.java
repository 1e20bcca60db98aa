package io.wabaflow.sandbox.scenario;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.coexistence.BusinessApps;
import io.wabaflow.sandbox.graph.AccessTokens;
import io.wabaflow.sandbox.graph.Caller;
import io.wabaflow.sandbox.messages.RateLimits;
import io.wabaflow.sandbox.onboarding.SignupCodes;
import io.wabaflow.sandbox.onboarding.WabaCreationPlans;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.webhooks.Webhook;
import io.wabaflow.sandbox.webhooks.WebhookDispatcher;
import io.wabaflow.sandbox.world.Business;
import io.wabaflow.sandbox.world.Page;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.WhatsAppUser;
import io.wabaflow.sandbox.world.World;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenario API, the world: businesses, WABAs, phone numbers, Facebook pages, WhatsApp users, Embedded Signup codes,
 * WABA creation plans and tokens (templates: {@link TemplatesScenarioController}).
 */
@RestController
@RequestMapping("/sandbox")
class WorldScenarioController {

	record NewBusiness(String id, String name) {
	}

	/**
	 * {@code sharedWithPartner} (default true): a client WABA of our partner; {@code sharedWith}: instead, the
	 * business it is shared with (a client WABA of that business, e.g. an agency's). One business at most.
	 */
	record NewWaba(String businessId, String id, String name, Boolean sharedWithPartner, String sharedWith,
			Boolean subscribed) {
	}

	record WabaChange(Boolean subscribed, String overrideCallbackUri) {
	}

	/** {@code type}: {@code cloud} (default) or {@code coexistence}. */
	record NewPhoneNumber(String wabaId, String id, String displayPhoneNumber, String verifiedName, String type,
			Boolean registered, Integer throughputMps, Instant onboardedAt, Double onboardedHoursAgo,
			Boolean historyShared, Integer contactsPerWebhook, Integer messagesPerChunk) {
	}

	record PhoneNumberChange(Integer throughputMps, Instant onboardedAt, Double onboardedHoursAgo,
			Boolean historyShared, Integer contactsPerWebhook, Integer messagesPerChunk) {
	}

	record NewUser(String phone, String waId, String name, Boolean onWhatsApp, Boolean readsMessages) {
	}

	/** A Facebook page; {@code businessId}: the business that owns it (none: a page outside any portfolio). */
	record NewPage(String businessId, String id, String name) {
	}

	/**
	 * What debug_token reports of a token's granular scopes, when it is not what the token was granted:
	 * {@code businessManagement} (default true) {@code business_management} targeting the business; {@code wabaIds}
	 * (default: the granted WABAs; {@code []}: none) the targets of the two whatsapp scopes.
	 */
	record DebugTokenReport(Boolean businessManagement, List<String> wabaIds) {
	}

	/**
	 * {@code wabaIds} (default: all the business owns) and {@code pageIds} (the pages of the user who signed up;
	 * default: all the business owns) are what the exchanged token grants; {@code accountUpdate} (default true):
	 * also deliver the {@code account_update} PARTNER_ADDED webhook.
	 */
	record NewSignupCode(String businessId, List<String> wabaIds, List<String> pageIds, DebugTokenReport debugToken,
			Boolean accountUpdate) {
	}

	record CreationPlan(String businessId, String strategy, Integer visibleAfterPolls, Map<String, Integer> failures) {
	}

	/** {@code pageIds}: the pages of the user behind the token; without them the token has no user. */
	record NewToken(String businessId, List<String> wabaIds, List<String> pageIds, DebugTokenReport debugToken) {
	}

	record Revocation(String token) {
	}

	record Limits(Integer pairBurst) {
	}

	private final World world;
	private final BusinessApps businessApps;
	private final SignupCodes signupCodes;
	private final WabaCreationPlans plans;
	private final AccessTokens tokens;
	private final RateLimits limits;
	private final WebhookDispatcher dispatcher;
	private final Clock clock;

	WorldScenarioController(World world, BusinessApps businessApps, SignupCodes signupCodes, WabaCreationPlans plans,
			AccessTokens tokens, RateLimits limits, WebhookDispatcher dispatcher, Clock clock) {
		this.world = world;
		this.businessApps = businessApps;
		this.signupCodes = signupCodes;
		this.plans = plans;
		this.tokens = tokens;
		this.limits = limits;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	@PostMapping("/businesses")
	@ResponseStatus(HttpStatus.CREATED)
	Business business(@RequestBody(required = false) NewBusiness request) {
		NewBusiness spec = request == null ? new NewBusiness(null, null) : request;
		return world.addBusiness(spec.id(), spec.name());
	}

	@GetMapping("/businesses")
	List<Business> businesses() {
		return world.businesses();
	}

	@PostMapping("/wabas")
	@ResponseStatus(HttpStatus.CREATED)
	Waba waba(@RequestBody NewWaba request) {
		String partner = world.partner().id();
		String sharedWith = request.sharedWithPartner() == null || request.sharedWithPartner() ? partner : null;
		if (request.sharedWith() != null) {
			if (Boolean.TRUE.equals(request.sharedWithPartner()) && !request.sharedWith().equals(partner)) {
				throw new IllegalArgumentException("a sandbox WABA is shared with one business: give sharedWith or "
						+ "sharedWithPartner");
			}
			if (request.sharedWith().equals(request.businessId())) {
				throw new IllegalArgumentException("a WABA is not shared with the business that owns it");
			}
			sharedWith = request.sharedWith();
		}
		return world.addWaba(request.id(), request.businessId(), request.name(), sharedWith,
				request.subscribed() != null && request.subscribed(), null, 0);
	}

	@PatchMapping("/wabas/{wabaId}")
	Waba changeWaba(@PathVariable String wabaId, @RequestBody WabaChange change) {
		return world.updateWaba(wabaId, waba -> waba.withSubscription(
				change.subscribed() == null ? waba.appSubscribed() : change.subscribed(),
				change.overrideCallbackUri() == null ? waba.overrideCallbackUri()
						: change.overrideCallbackUri().isBlank() ? null : change.overrideCallbackUri()));
	}

	@PostMapping("/phone-numbers")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> phoneNumber(@RequestBody NewPhoneNumber request) {
		boolean coexistence = "coexistence".equalsIgnoreCase(request.type());
		if (request.type() != null && !coexistence && !"cloud".equalsIgnoreCase(request.type())) {
			throw new IllegalArgumentException("type must be cloud or coexistence");
		}
		PhoneNumber phone = world.addPhone(request.id(), request.wabaId(), request.displayPhoneNumber(),
				request.verifiedName(), coexistence, request.registered() != null && request.registered(),
				request.throughputMps(), onboardedAt(request.onboardedAt(), request.onboardedHoursAgo()));
		if (coexistence) {
			businessApps.settings(phone.id(), request.historyShared(), request.contactsPerWebhook(),
					request.messagesPerChunk());
		}
		return phoneView(phone);
	}

	@PatchMapping("/phone-numbers/{phoneNumberId}")
	Map<String, Object> changePhoneNumber(@PathVariable String phoneNumberId, @RequestBody PhoneNumberChange change) {
		PhoneNumber phone = world.updatePhone(phoneNumberId, current -> {
			PhoneNumber next = change.throughputMps() == null ? current : current.withThroughput(change.throughputMps());
			Instant onboarded = onboardedAt(change.onboardedAt(), change.onboardedHoursAgo());
			return change.onboardedAt() == null && change.onboardedHoursAgo() == null ? next
					: next.withOnboardedAt(onboarded);
		});
		limits.forget(phone.id());
		if (phone.coexistence()) {
			businessApps.settings(phone.id(), change.historyShared(), change.contactsPerWebhook(),
					change.messagesPerChunk());
		}
		return phoneView(phone);
	}

	@GetMapping("/phone-numbers")
	List<Map<String, Object>> phoneNumbers() {
		return world.phones().stream().map(this::phoneView).toList();
	}

	private Map<String, Object> phoneView(PhoneNumber phone) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", phone.id());
		view.put("wabaId", phone.wabaId());
		view.put("displayPhoneNumber", phone.displayPhoneNumber());
		view.put("displayDigits", phone.displayDigits());
		view.put("verifiedName", phone.verifiedName());
		view.put("type", phone.coexistence() ? "coexistence" : "cloud");
		view.put("registered", phone.registered());
		view.put("throughputMps", limits.mpsOf(phone));
		view.put("onboardedAt", phone.onboardedAt());
		if (phone.coexistence()) {
			view.put("businessApp", businessApps.data().settings(phone.id()));
			view.put("syncRequests", businessApps.data().requests(phone.id()));
		}
		return view;
	}

	private Instant onboardedAt(Instant at, Double hoursAgo) {
		if (at != null) {
			return at;
		}
		if (hoursAgo != null) {
			return clock.instant().minus(Duration.ofSeconds(Math.round(hoursAgo * 3600)));
		}
		return null;
	}

	@PostMapping("/users")
	@ResponseStatus(HttpStatus.CREATED)
	WhatsAppUser user(@RequestBody NewUser request) {
		return world.putUser(request.phone(), request.waId(), request.name(), request.onWhatsApp(),
				request.readsMessages());
	}

	@PostMapping("/pages")
	@ResponseStatus(HttpStatus.CREATED)
	Page page(@RequestBody NewPage request) {
		return world.addPage(request.id(), request.name(), request.businessId());
	}

	/**
	 * The customer finished the Embedded Signup popup: a code for the business (30 s, single use), granting the
	 * given WABAs and the user's pages (default: all the business owns). Coexistence numbers of those WABAs count
	 * as onboarded now.
	 */
	@PostMapping("/signup-codes")
	@ResponseStatus(HttpStatus.CREATED)
	SignupCodes.SignupCode signupCode(@RequestBody NewSignupCode request) {
		Business business = requireBusiness(request.businessId());
		Set<String> wabaIds = grantedWabas(business.id(), request.wabaIds());
		Set<String> pageIds = request.pageIds() != null ? existingPages(request.pageIds())
				: world.pagesOwnedBy(business.id()).stream().map(Page::id)
						.collect(Collectors.toCollection(LinkedHashSet::new));
		Instant now = clock.instant();
		for (String wabaId : wabaIds) {
			for (PhoneNumber phone : world.phonesOf(wabaId)) {
				if (phone.coexistence()) {
					world.updatePhone(phone.id(), current -> current.withOnboardedAt(now));
				}
			}
			if (request.accountUpdate() == null || request.accountUpdate()) {
				ObjectNode value = Json.object();
				value.put("event", "PARTNER_ADDED");
				ObjectNode info = value.putObject("waba_info");
				info.put("waba_id", wabaId);
				info.put("owner_business_id", world.requireWaba(wabaId).ownerBusinessId());
				dispatcher.dispatch(new Webhook("account_update", wabaId, null, value, now.getEpochSecond()));
			}
		}
		return signupCodes.issue(business.id(), wabaIds, pageIds, scopes(request.debugToken(), wabaIds));
	}

	@PutMapping("/waba-creation")
	WabaCreationPlans.Plan creationPlan(@RequestBody CreationPlan request) {
		if (request.businessId() != null && world.business(request.businessId()).isEmpty()) {
			throw new NoSuchElementException("no business " + request.businessId());
		}
		String strategy = request.strategy() == null ? "NONE" : request.strategy().toUpperCase();
		if (!List.of("2A", "2B", "2C", "2D", "2E", "NONE").contains(strategy)) {
			throw new IllegalArgumentException("strategy must be one of 2A, 2B, 2C, 2D, 2E, NONE");
		}
		WabaCreationPlans.Plan plan = new WabaCreationPlans.Plan(strategy,
				request.visibleAfterPolls() == null ? 0 : request.visibleAfterPolls(), request.failures());
		plans.set(request.businessId(), plan);
		return plan;
	}

	/** A business token without going through a signup code (for tests that start after onboarding). */
	@PostMapping("/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> token(@RequestBody NewToken request) {
		Business business = requireBusiness(request.businessId());
		Set<String> wabaIds = grantedWabas(business.id(), request.wabaIds());
		Set<String> pageIds = request.pageIds() == null ? null : existingPages(request.pageIds());
		Caller caller = tokens.issueBusinessToken(business.id(), wabaIds, pageIds,
				scopes(request.debugToken(), wabaIds));
		return Map.of("access_token", caller.token(), "businessId", business.id(), "wabaIds",
				caller.grantedWabaIds());
	}

	@PostMapping("/tokens/revoke")
	Map<String, Object> revoke(@RequestBody Revocation request) {
		return Map.of("revoked", tokens.revoke(request.token()));
	}

	@PutMapping("/limits")
	Map<String, Object> limits(@RequestBody Limits request) {
		limits.pairBurst(request.pairBurst());
		return Map.of("pairBurst", limits.pairBurst());
	}

	private Business requireBusiness(String businessId) {
		return world.business(businessId).orElseThrow(() -> new NoSuchElementException("no business " + businessId));
	}

	/** The pages; an unknown one is a 404. */
	private Set<String> existingPages(List<String> pageIds) {
		return pageIds.stream().map(id -> world.requirePage(id).id())
				.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** What debug_token reports of a token granting {@code granted}: that, unless the scenario said otherwise. */
	private Caller.Scopes scopes(DebugTokenReport report, Set<String> granted) {
		if (report == null) {
			return new Caller.Scopes(true, granted);
		}
		Set<String> wabaIds = report.wabaIds() == null ? granted
				: report.wabaIds().stream().map(id -> world.requireWaba(id).id())
						.collect(Collectors.toCollection(LinkedHashSet::new));
		return new Caller.Scopes(report.businessManagement() == null || report.businessManagement(), wabaIds);
	}

	private Set<String> grantedWabas(String businessId, List<String> requested) {
		if (requested != null && !requested.isEmpty()) {
			for (String id : requested) {
				world.requireWaba(id);
			}
			return new LinkedHashSet<>(requested);
		}
		Set<String> owned = new LinkedHashSet<>();
		world.wabasOwnedBy(businessId).stream().filter(Waba::visible).forEach(waba -> owned.add(waba.id()));
		return owned;
	}
}
