package io.wabaflow.sync.contacts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;

import io.wabaflow.sync.db.ColumnArrays;
import io.wabaflow.sync.db.KeyedRounds;
import io.wabaflow.sync.db.Sql;

/**
 * Upserts contacts. Each source is a register of its own (profile, address book) that only a later
 * change, by (time, tie-break key), replaces: an older state never overwrites a newer one, in whatever
 * order they arrive.
 */
public final class ContactWriter {

	private static final String UPSERT_PROFILES = """
			INSERT INTO contacts AS c (phone_number_id, wa_id, profile_name, profile_changed_at, profile_event_id,
				user_id, parent_user_id, username)
			SELECT pn, wa, name, %s, mid, uid, puid, uname
			FROM unnest(:pn, :wa, :name, :at, :mid, :uid, :puid, :uname) AS t(pn, wa, name, at, mid, uid, puid, uname)
			ON CONFLICT (phone_number_id, wa_id) DO UPDATE SET
				profile_name = excluded.profile_name,
				profile_changed_at = excluded.profile_changed_at,
				profile_event_id = excluded.profile_event_id,
				user_id = excluded.user_id,
				parent_user_id = excluded.parent_user_id,
				username = excluded.username
			WHERE excluded.profile_changed_at IS NOT NULL
				AND (c.profile_changed_at IS NULL
					OR (excluded.profile_changed_at, excluded.profile_event_id) > (c.profile_changed_at, c.profile_event_id))
			""".formatted(Sql.ts("at"));

	private static final String UPSERT_ADDRESS_BOOK = """
			INSERT INTO contacts AS c (phone_number_id, wa_id, book_action, book_full_name, book_first_name,
				book_changed_at, book_event_id)
			SELECT pn, wa, action, full_name, first_name, %s, k
			FROM unnest(:pn, :wa, :action, :full_name, :first_name, :at, :k)
				AS t(pn, wa, action, full_name, first_name, at, k)
			ON CONFLICT (phone_number_id, wa_id) DO UPDATE SET
				book_action = excluded.book_action,
				book_full_name = excluded.book_full_name,
				book_first_name = excluded.book_first_name,
				book_changed_at = excluded.book_changed_at,
				book_event_id = excluded.book_event_id
			WHERE c.book_changed_at IS NULL
				OR (excluded.book_changed_at, excluded.book_event_id) > (c.book_changed_at, c.book_event_id)
			""".formatted(Sql.ts("at"));

	/*
	 * A batch often carries many facts per contact (one per message). The register's winner is the
	 * maximum by (time, tie-break), the same rule the SQL applies, so taking it in Java first is
	 * equivalent and saves a statement per extra fact.
	 */
	private static final Comparator<ProfileFact> PROFILE_ORDER = Comparator
			.comparing((ProfileFact f) -> f.changedAtMs() != null)
			.thenComparing(f -> f.changedAtMs() == null ? 0L : f.changedAtMs())
			.thenComparing(f -> f.messageId() == null ? "" : f.messageId());

	private static final Comparator<AddressBookFact> BOOK_ORDER = Comparator
			.comparingLong(AddressBookFact::changedAtMs).thenComparing(AddressBookFact::key);

	public void write(Handle handle, List<ProfileFact> profileFacts, List<AddressBookFact> bookFacts) {
		List<ProfileFact> profiles = latest(profileFacts, f -> f.phoneNumberId() + "\u0000" + f.waId(), PROFILE_ORDER);
		List<AddressBookFact> addressBook = latest(bookFacts, f -> f.phoneNumberId() + "\u0000" + f.waId(), BOOK_ORDER);
		for (List<ProfileFact> round : KeyedRounds.split(profiles, f -> f.phoneNumberId() + "\u0000" + f.waId())) {
			ColumnArrays.of(handle.createUpdate(UPSERT_PROFILES), round)
					.text("pn", ProfileFact::phoneNumberId)
					.text("wa", ProfileFact::waId)
					.text("name", ProfileFact::profileName)
					.bigint("at", ProfileFact::changedAtMs)
					.text("mid", ProfileFact::messageId)
					.text("uid", ProfileFact::userId)
					.text("puid", ProfileFact::parentUserId)
					.text("uname", ProfileFact::username)
					.execute();
		}
		for (List<AddressBookFact> round : KeyedRounds.split(addressBook, f -> f.phoneNumberId() + "\u0000" + f.waId())) {
			ColumnArrays.of(handle.createUpdate(UPSERT_ADDRESS_BOOK), round)
					.text("pn", AddressBookFact::phoneNumberId)
					.text("wa", AddressBookFact::waId)
					.text("action", AddressBookFact::action)
					.text("full_name", AddressBookFact::fullName)
					.text("first_name", AddressBookFact::firstName)
					.bigint("at", AddressBookFact::changedAtMs)
					.text("k", AddressBookFact::key)
					.execute();
		}
	}

	private static <T> List<T> latest(List<T> facts, Function<T, String> key, Comparator<T> order) {
		Map<String, T> winners = new HashMap<>();
		BinaryOperator<T> max = BinaryOperator.maxBy(order);
		for (T fact : facts) {
			winners.merge(key.apply(fact), fact, max);
		}
		return new ArrayList<>(winners.values());
	}
}
