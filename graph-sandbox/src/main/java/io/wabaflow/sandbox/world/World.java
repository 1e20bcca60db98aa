package io.wabaflow.sandbox.world;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.runtime.SandboxRandom;

/**
 * The simulated Meta world: businesses, WABAs, phone numbers, Facebook pages and WhatsApp users. Thread-safe: every
 * entity is an immutable record replaced atomically in a concurrent map. Lists come back in creation order.
 */
@Component
public class World implements Resettable {

	private final SandboxProperties properties;
	private final SandboxRandom random;
	private final Clock clock;
	private final AtomicLong seq = new AtomicLong();
	private final Map<String, Business> businesses = new ConcurrentHashMap<>();
	private final Map<String, Waba> wabas = new ConcurrentHashMap<>();
	private final Map<String, PhoneNumber> phones = new ConcurrentHashMap<>();
	private final Map<String, WhatsAppUser> users = new ConcurrentHashMap<>();
	private final Map<String, Page> pages = new ConcurrentHashMap<>();

	/** Users no scenario set up who wrote to a business, by BSUID. */
	private final Map<String, WhatsAppUser> bsuidUsers = new ConcurrentHashMap<>();
	private volatile String partnerId;

	World(SandboxProperties properties, SandboxRandom random, Clock clock) {
		this.properties = properties;
		this.random = random;
		this.clock = clock;
		createPartner();
	}

	@Override
	public void reset() {
		businesses.clear();
		wabas.clear();
		phones.clear();
		users.clear();
		bsuidUsers.clear();
		pages.clear();
		createPartner();
	}

	private void createPartner() {
		String configured = properties.partnerBusinessId();
		String id = configured == null || configured.isBlank() ? random.digits(15) : configured;
		businesses.put(id, new Business(id, properties.app().name() + " (partner)", true, seq.incrementAndGet()));
		partnerId = id;
	}

	public String newId() {
		return random.digits(15);
	}

	public Business partner() {
		return businesses.get(partnerId);
	}

	public NodeKind kindOf(String id) {
		if (businesses.containsKey(id)) {
			return NodeKind.BUSINESS;
		}
		if (wabas.containsKey(id)) {
			return NodeKind.WABA;
		}
		if (phones.containsKey(id)) {
			return NodeKind.PHONE_NUMBER;
		}
		if (pages.containsKey(id)) {
			return NodeKind.PAGE;
		}
		return NodeKind.NONE;
	}

	// businesses

	public Business addBusiness(String id, String name) {
		String businessId = id == null || id.isBlank() ? newId() : id;
		requireFree(businessId);
		Business business = new Business(businessId, name == null ? "Business " + businessId : name, false,
				seq.incrementAndGet());
		businesses.put(businessId, business);
		return business;
	}

	public Optional<Business> business(String id) {
		return Optional.ofNullable(id).map(businesses::get);
	}

	public List<Business> businesses() {
		return businesses.values().stream().sorted(Comparator.comparingLong(Business::seq)).toList();
	}

	// WABAs

	/**
	 * A new WABA; {@code sharedWith}: the business it is shared with (a client WABA of that business; usually our
	 * partner), or null.
	 */
	public Waba addWaba(String id, String ownerBusinessId, String name, String sharedWith, boolean subscribed,
			String createdBy, int pollsUntilVisible) {
		requireBusiness(ownerBusinessId);
		if (sharedWith != null) {
			requireBusiness(sharedWith);
		}
		String wabaId = id == null || id.isBlank() ? newId() : id;
		requireFree(wabaId);
		Waba waba = new Waba(wabaId, name == null ? "WhatsApp Business Account" : name, ownerBusinessId,
				sharedWith, "USD", "1", random.hex(8) + "_" + random.hex(4) + "_"
						+ random.hex(4) + "_" + random.hex(4) + "_" + random.hex(12),
				createdBy, pollsUntilVisible, subscribed, null, seq.incrementAndGet());
		wabas.put(wabaId, waba);
		return waba;
	}

	public Optional<Waba> waba(String id) {
		return Optional.ofNullable(id).map(wabas::get);
	}

	/** The WABA; an unknown id is a scenario mistake ({@link NoSuchElementException}, a 404). */
	public Waba requireWaba(String id) {
		return waba(id).orElseThrow(() -> new NoSuchElementException("no WABA " + id));
	}

	public Waba updateWaba(String id, UnaryOperator<Waba> change) {
		Waba updated = wabas.computeIfPresent(id, (key, waba) -> change.apply(waba));
		if (updated == null) {
			throw new NoSuchElementException("no WABA " + id);
		}
		return updated;
	}

	public List<Waba> wabas() {
		return wabas.values().stream().sorted(Comparator.comparingLong(Waba::seq)).toList();
	}

	public List<Waba> wabasOwnedBy(String businessId) {
		return wabas().stream().filter(waba -> businessId.equals(waba.ownerBusinessId())).toList();
	}

	public List<Waba> wabasSharedWith(String businessId) {
		return wabas().stream().filter(waba -> businessId.equals(waba.partnerBusinessId())).toList();
	}

	/**
	 * One read that would return this WABA (a GET of it, or of a list that holds it). Counts down a freshly
	 * created WABA's invisibility and answers whether this read sees it.
	 */
	public boolean pollSees(String wabaId) {
		AtomicBoolean seen = new AtomicBoolean();
		wabas.computeIfPresent(wabaId, (key, waba) -> {
			if (waba.visible()) {
				seen.set(true);
				return waba;
			}
			return waba.withPollsUntilVisible(waba.pollsUntilVisible() - 1);
		});
		return seen.get();
	}

	// phone numbers

	public PhoneNumber addPhone(String id, String wabaId, String displayPhoneNumber, String verifiedName,
			boolean coexistence, boolean registered, Integer throughputMps, java.time.Instant onboardedAt) {
		if (!wabas.containsKey(wabaId)) {
			throw new NoSuchElementException("no WABA " + wabaId);
		}
		String phoneId = id == null || id.isBlank() ? newId() : id;
		requireFree(phoneId);
		String display = displayPhoneNumber == null || displayPhoneNumber.isBlank()
				? "+1 555-" + random.digits(3) + "-" + random.digits(4)
				: displayPhoneNumber;
		PhoneNumber phone = new PhoneNumber(phoneId, wabaId, display,
				verifiedName == null ? "Sandbox Business" : verifiedName, coexistence, coexistence || registered,
				null, throughputMps, onboardedAt == null ? clock.instant() : onboardedAt, "GREEN",
				seq.incrementAndGet());
		phones.put(phoneId, phone);
		return phone;
	}

	public Optional<PhoneNumber> phone(String id) {
		return Optional.ofNullable(id).map(phones::get);
	}

	/** The phone number; an unknown id is a scenario mistake ({@link NoSuchElementException}, a 404). */
	public PhoneNumber requirePhone(String id) {
		return phone(id).orElseThrow(() -> new NoSuchElementException("no phone number " + id));
	}

	public PhoneNumber updatePhone(String id, UnaryOperator<PhoneNumber> change) {
		PhoneNumber updated = phones.computeIfPresent(id, (key, phone) -> change.apply(phone));
		if (updated == null) {
			throw new NoSuchElementException("no phone number " + id);
		}
		return updated;
	}

	public List<PhoneNumber> phonesOf(String wabaId) {
		return phones.values().stream().filter(phone -> phone.wabaId().equals(wabaId))
				.sorted(Comparator.comparingLong(PhoneNumber::seq)).toList();
	}

	public List<PhoneNumber> phones() {
		return phones.values().stream().sorted(Comparator.comparingLong(PhoneNumber::seq)).toList();
	}

	// Facebook pages

	public Page addPage(String id, String name, String businessId) {
		if (businessId != null) {
			requireBusiness(businessId);
		}
		String pageId = id == null || id.isBlank() ? newId() : id;
		requireFree(pageId);
		Page page = new Page(pageId, name == null ? "Page " + pageId : name, businessId, seq.incrementAndGet());
		pages.put(pageId, page);
		return page;
	}

	public Optional<Page> page(String id) {
		return Optional.ofNullable(id).map(pages::get);
	}

	/** The page; an unknown id is a scenario mistake ({@link NoSuchElementException}, a 404). */
	public Page requirePage(String id) {
		return page(id).orElseThrow(() -> new NoSuchElementException("no page " + id));
	}

	public List<Page> pages() {
		return pages.values().stream().sorted(Comparator.comparingLong(Page::seq)).toList();
	}

	public List<Page> pagesOwnedBy(String businessId) {
		return pages().stream().filter(page -> businessId.equals(page.businessId())).toList();
	}

	// WhatsApp users

	public WhatsAppUser putUser(String phone, String waId, String name, Boolean onWhatsApp, Boolean readsMessages) {
		String digits = PhoneNumber.digitsOf(phone);
		if (digits.isEmpty()) {
			throw new IllegalArgumentException("phone is required");
		}
		WhatsAppUser user = new WhatsAppUser(digits, waId == null || waId.isBlank() ? digits : waId,
				name == null ? defaultName(digits) : name, onWhatsApp == null || onWhatsApp,
				readsMessages == null || readsMessages);
		users.put(digits, user);
		return user;
	}

	/** The user behind a dialled number; anyone not set up by the scenario is on WhatsApp with wa_id = digits. */
	public WhatsAppUser userFor(String phone) {
		String digits = PhoneNumber.digitsOf(phone);
		WhatsAppUser known = users.get(digits);
		if (known != null) {
			return known;
		}
		return users.values().stream().filter(user -> user.waId().equals(digits)).findFirst()
				.orElseGet(() -> new WhatsAppUser(digits, digits, defaultName(digits), true, true));
	}

	/**
	 * {@link #userFor} for the user a scenario event comes from ({@code from}); without digits it is a scenario
	 * mistake ({@link IllegalArgumentException}, a 400).
	 */
	public WhatsAppUser requireUser(String from) {
		if (PhoneNumber.digitsOf(from).isEmpty()) {
			throw new IllegalArgumentException("from (the user's phone number) is required");
		}
		return userFor(from);
	}

	/**
	 * The user a send names: by BSUID ({@code recipient}, one the sandbox gave a user it knows or derived from a
	 * wa_id it saw), else by phone ({@code to}).
	 */
	public Optional<WhatsAppUser> userForRecipient(String recipient) {
		if (!WhatsAppUser.isBsuid(recipient)) {
			return Optional.of(userFor(recipient));
		}
		String bsuid = recipient.strip();
		return Stream.concat(users.values().stream(), bsuidUsers.values().stream())
				.filter(user -> user.bsuid().equals(bsuid)).findFirst();
	}

	/** Remembers a user who wrote, so that an answer to their BSUID finds them. */
	public void sawUser(WhatsAppUser user) {
		if (!users.containsKey(user.phone())) {
			bsuidUsers.putIfAbsent(user.bsuid(), user);
		}
	}

	public List<WhatsAppUser> users() {
		return List.copyOf(users.values());
	}

	private static String defaultName(String digits) {
		return "User " + digits.substring(Math.max(0, digits.length() - 4));
	}

	private void requireBusiness(String businessId) {
		if (businessId == null || !businesses.containsKey(businessId)) {
			throw new NoSuchElementException("no business " + businessId);
		}
	}

	private void requireFree(String id) {
		if (kindOf(id) != NodeKind.NONE) {
			throw new IllegalArgumentException("id already in use: " + id);
		}
	}
}
