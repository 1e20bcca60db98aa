package io.wabaflow.sync.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jdbi.v3.core.Handle;


/**
 * Keeps {@code identities} and {@code identity_links} (V3) and tells, for a batch, who each identity it named is:
 * its person, the canonical identity of its connected set ({@link UserIds#canonical}). A link between two sets
 * merges them: every member gets the merged set's person, and the persons that stopped being one are reported, so
 * that their conversations are dropped and the merged one recomputed. Only identities seen for the first time and
 * the ends of links seen for the first time are walked; the rest are read.
 */
public final class Persons {

	private static final String INSERT_LINKS = """
			INSERT INTO identity_links (phone_number_id, identity_a, identity_b)
			SELECT pn, a, b FROM unnest(:pn, :a, :b) AS t(pn, a, b)
			ON CONFLICT DO NOTHING
			RETURNING phone_number_id, identity_a
			""";

	private static final String KNOWN = """
			SELECT i.phone_number_id, i.identity, i.person
			FROM unnest(:pn, :id) AS t(pn, id)
			JOIN identities i ON i.phone_number_id = t.pn AND i.identity = t.id
			""";

	/* Links are stored both ways: one index walk per step. UNION (not ALL) ends the walk on a cycle. */
	private static final String REACH = """
			WITH RECURSIVE reach(pn, seed, identity) AS (
				SELECT pn, id, id FROM unnest(:pn, :id) AS t(pn, id)
				UNION
				SELECT r.pn, r.seed, l.identity_b
				FROM reach r JOIN identity_links l ON l.phone_number_id = r.pn AND l.identity_a = r.identity
			)
			SELECT pn, seed, identity FROM reach
			""";

	private static final String UPSERT = """
			INSERT INTO identities AS i (phone_number_id, identity, person)
			SELECT pn, id, person FROM unnest(:pn, :id, :person) AS t(pn, id, person)
			ON CONFLICT (phone_number_id, identity) DO UPDATE SET person = excluded.person
			WHERE i.person IS DISTINCT FROM excluded.person
			""";

	/** Who the batch's identities are, and which persons a merge retired. */
	public record Resolution(Map<ConversationKey, String> persons, Set<ConversationKey> retired,
			Set<ConversationKey> merged) {

		/** The person of an identity the batch named (its key as {@code (number, identity)}). */
		public String personOf(ConversationKey identity) {
			return persons.getOrDefault(identity, identity.contactWaId());
		}
	}

	public Resolution resolve(Handle handle, Set<ConversationKey> named, List<LinkFact> links) {
		Set<ConversationKey> seeds = new TreeSet<>();
		if (!links.isEmpty()) {
			seeds.addAll(insertLinks(handle, links));
		}
		Set<ConversationKey> all = new TreeSet<>(named);
		all.addAll(seeds);
		Map<ConversationKey, String> persons = new HashMap<>(read(handle, all));
		for (ConversationKey identity : named) {
			if (!persons.containsKey(identity)) {
				seeds.add(identity);
			}
		}
		Set<ConversationKey> retired = new TreeSet<>();
		Set<ConversationKey> merged = new TreeSet<>();
		if (seeds.isEmpty()) {
			return new Resolution(persons, retired, merged);
		}
		// every member of the seeds' connected sets, by set
		Map<ConversationKey, Set<String>> reached = new TreeMap<>();
		handle.createQuery(REACH)
				.bindArray("pn", String.class, seeds.stream().map(ConversationKey::phoneNumberId).toList())
				.bindArray("id", String.class, seeds.stream().map(ConversationKey::contactWaId).toList())
				.map((rs, ctx) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) })
				.forEach(row -> reached.computeIfAbsent(new ConversationKey(row[0], row[1]), seed -> new TreeSet<>())
						.add(row[2]));
		Set<ConversationKey> members = new TreeSet<>();
		Map<ConversationKey, String> canonical = new HashMap<>();
		for (Map.Entry<ConversationKey, Set<String>> set : reached.entrySet()) {
			String number = set.getKey().phoneNumberId();
			String person = UserIds.canonical(set.getValue());
			for (String identity : set.getValue()) {
				ConversationKey member = new ConversationKey(number, identity);
				members.add(member);
				canonical.put(member, person);
			}
		}
		Map<ConversationKey, String> before = read(handle, members);
		List<ConversationKey> changed = new ArrayList<>();
		for (ConversationKey member : members) {
			String person = canonical.get(member);
			String was = before.get(member);
			if (!person.equals(was)) {
				changed.add(member);
				merged.add(new ConversationKey(member.phoneNumberId(), person));
				if (was != null && !was.equals(person)) {
					retired.add(new ConversationKey(member.phoneNumberId(), was));
				}
			}
			persons.put(member, person);
		}
		retired.removeAll(merged);
		if (!changed.isEmpty()) {
			handle.createUpdate(UPSERT)
					.bindArray("pn", String.class, changed.stream().map(ConversationKey::phoneNumberId).toList())
					.bindArray("id", String.class, changed.stream().map(ConversationKey::contactWaId).toList())
					.bindArray("person", String.class, changed.stream().map(canonical::get).toList())
					.execute();
		}
		return new Resolution(persons, retired, merged);
	}

	/** Stores new links both ways; the ends of the links that were new. */
	private static Set<ConversationKey> insertLinks(Handle handle, List<LinkFact> links) {
		Set<String> seen = new HashSet<>();
		List<String[]> rows = new ArrayList<>();
		for (LinkFact link : links) {
			if (link.identityA() == null || link.identityB() == null || link.identityA().equals(link.identityB())) {
				continue;
			}
			for (String[] row : List.of(new String[] { link.phoneNumberId(), link.identityA(), link.identityB() },
					new String[] { link.phoneNumberId(), link.identityB(), link.identityA() })) {
				if (seen.add(String.join("\u0000", row))) {
					rows.add(row);
				}
			}
		}
		if (rows.isEmpty()) {
			return Set.of();
		}
		rows.sort((x, y) -> String.join("\u0000", x).compareTo(String.join("\u0000", y))); // one lock order
		Set<ConversationKey> ends = new TreeSet<>();
		handle.createQuery(INSERT_LINKS)
				.bindArray("pn", String.class, rows.stream().map(row -> row[0]).toList())
				.bindArray("a", String.class, rows.stream().map(row -> row[1]).toList())
				.bindArray("b", String.class, rows.stream().map(row -> row[2]).toList())
				.map((rs, ctx) -> new ConversationKey(rs.getString(1), rs.getString(2)))
				.forEach(ends::add);
		return ends;
	}

	private static Map<ConversationKey, String> read(Handle handle, Set<ConversationKey> identities) {
		Map<ConversationKey, String> persons = new HashMap<>();
		if (identities.isEmpty()) {
			return persons;
		}
		handle.createQuery(KNOWN)
				.bindArray("pn", String.class, identities.stream().map(ConversationKey::phoneNumberId).toList())
				.bindArray("id", String.class, identities.stream().map(ConversationKey::contactWaId).toList())
				.map((rs, ctx) -> Map.entry(new ConversationKey(rs.getString(1), rs.getString(2)), rs.getString(3)))
				.forEach(entry -> persons.put(entry.getKey(), entry.getValue()));
		return persons;
	}
}
