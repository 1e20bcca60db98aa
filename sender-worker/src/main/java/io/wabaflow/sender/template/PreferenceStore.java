package io.wabaflow.sender.template;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/** The {@code marketing_preferences} table: who stopped marketing messages from which number. */
@Component
class PreferenceStore {

	/** A user's marketing preference for a number, under one of the user's names, as of {@code at}. */
	record Preference(String phoneNumberId, String userKey, boolean optedOut, Instant at) {
	}

	private final Jdbi jdbi;

	PreferenceStore(Jdbi jdbi) {
		this.jdbi = jdbi;
	}

	/** Monotonic upsert: an older preference (a replay, a late webhook) never overrides a newer one. */
	void record(List<Preference> preferences) {
		Map<String, Preference> newest = new LinkedHashMap<>();
		preferences.forEach(p -> newest.merge(p.phoneNumberId() + "|" + p.userKey(), p,
				(a, b) -> b.at().isBefore(a.at()) ? a : b));
		if (newest.isEmpty()) {
			return;
		}
		List<Preference> rows = List.copyOf(newest.values());
		jdbi.useHandle(handle -> handle.createUpdate("""
				INSERT INTO marketing_preferences AS m (phone_number_id, user_key, opted_out, changed_at)
				SELECT p.pn, p.user_key, p.opted_out, to_timestamp(p.at_ms / 1000.0)
				FROM unnest(:pns::text[], :keys::text[], :outs::boolean[], :ats::bigint[])
				    AS p(pn, user_key, opted_out, at_ms)
				ON CONFLICT (phone_number_id, user_key) DO UPDATE
				    SET opted_out = EXCLUDED.opted_out, changed_at = EXCLUDED.changed_at
				    WHERE m.changed_at <= EXCLUDED.changed_at
				""").bindArray("pns", String.class, rows.stream().map(Preference::phoneNumberId).toList())
				.bindArray("keys", String.class, rows.stream().map(Preference::userKey).toList())
				.bindArray("outs", Boolean.class, rows.stream().map(Preference::optedOut).toList())
				.bindArray("ats", Long.class, rows.stream().map(p -> p.at().toEpochMilli()).toList())
				.execute());
	}

	/**
	 * Whether each (number, recipient) pair stopped marketing, in the order asked. A recipient addressed by phone
	 * number is also found under the wa_id Meta resolved it to (the sender's {@code recipients} table); when both
	 * names have a preference, the newer one counts.
	 */
	List<Boolean> optedOut(List<String> phoneNumberIds, List<String> recipientKeys) {
		if (phoneNumberIds.isEmpty()) {
			return List.of();
		}
		Map<Long, Boolean> byOrdinal = new LinkedHashMap<>();
		jdbi.useHandle(handle -> handle.createQuery("""
				SELECT c.ord, CASE WHEN m2.changed_at IS NULL OR m1.changed_at >= m2.changed_at
				    THEN coalesce(m1.opted_out, false) ELSE m2.opted_out END AS opted_out
				FROM unnest(:pns::text[], :recipients::text[]) WITH ORDINALITY AS c(pn, recipient, ord)
				LEFT JOIN marketing_preferences m1 ON m1.phone_number_id = c.pn AND m1.user_key = c.recipient
				LEFT JOIN recipients r ON r.phone_number_id = c.pn AND r.input = c.recipient
				LEFT JOIN marketing_preferences m2 ON m2.phone_number_id = c.pn AND m2.user_key = r.wa_id
				""").bindArray("pns", String.class, phoneNumberIds).bindArray("recipients", String.class, recipientKeys)
				.map((rs, ctx) -> Map.entry(rs.getLong("ord"), rs.getBoolean("opted_out")))
				.forEach(entry -> byOrdinal.put(entry.getKey(), entry.getValue())));
		List<Boolean> result = new ArrayList<>(phoneNumberIds.size());
		for (long i = 1; i <= phoneNumberIds.size(); i++) {
			result.add(byOrdinal.getOrDefault(i, false));
		}
		return result;
	}
}
