package io.wabaflow.sender.send;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

/**
 * The conversations a business started (templates to users whose window was closed), which Meta's messaging limit
 * counts by unique user in a moving 24 h (facts 4.5). Read from and marked on the {@code sends} rows themselves.
 */
final class ConversationStarts {

	/** What a group of numbers started since a time: how many users, which of the asked ones, the oldest start. */
	record Usage(int users, Set<String> counted, Instant oldest) {
	}

	private final Jdbi jdbi;

	ConversationStarts(Jdbi jdbi) {
		this.jdbi = jdbi;
	}

	Usage since(Collection<String> phoneNumberIds, Instant since, Collection<String> recipientKeys) {
		return jdbi.withHandle(handle -> {
			String started = """
					FROM sends WHERE phone_number_id = ANY(:pns::text[]) AND business_initiated AND received_at > :since
					  AND state IN ('PENDING', 'INTENDED', 'SENT', 'UNKNOWN')""";
			Usage counts = handle.createQuery("SELECT count(DISTINCT recipient_key) AS users, min(received_at) AS oldest "
					+ started).bindArray("pns", String.class, List.copyOf(phoneNumberIds)).bind("since", utc(since))
					.map((rs, ctx) -> {
						OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
						return new Usage(rs.getInt("users"), Set.of(), oldest == null ? null : oldest.toInstant());
					}).one();
			Set<String> counted = new HashSet<>(handle.createQuery("SELECT DISTINCT recipient_key " + started
					+ " AND recipient_key = ANY(:keys::text[])").bindArray("pns", String.class, List.copyOf(phoneNumberIds))
					.bind("since", utc(since)).bindArray("keys", String.class, List.copyOf(recipientKeys))
					.mapTo(String.class).list());
			return new Usage(counts.users(), counted, counts.oldest());
		});
	}

	/** Marks these sends as conversations the business started. */
	void mark(Collection<String> commandIds) {
		if (commandIds.isEmpty()) {
			return;
		}
		jdbi.useHandle(handle -> handle.createUpdate(
				"UPDATE sends SET business_initiated = true WHERE command_id = ANY(:ids::text[]) AND state <> 'REJECTED'")
				.bindArray("ids", String.class, List.copyOf(commandIds)).execute());
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}
}
