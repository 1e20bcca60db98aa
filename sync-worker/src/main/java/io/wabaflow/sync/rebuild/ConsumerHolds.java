package io.wabaflow.sync.rebuild;

import java.time.Clock;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * The consumer groups ops put on hold (table {@code sync.consumer_holds}): the supervisor of every instance
 * keeps their consumers stopped until the hold is released, so ops can reset a group's offsets while the
 * service stays up.
 */
@Component
class ConsumerHolds {

	private final Jdbi jdbi;

	private final Clock clock;

	ConsumerHolds(Jdbi jdbi, Clock clock) {
		this.jdbi = jdbi;
		this.clock = clock;
	}

	void hold(String groupId) {
		jdbi.useHandle(handle -> handle.createUpdate("""
				INSERT INTO sync.consumer_holds (group_id, held_at) VALUES (:group, :now) ON CONFLICT DO NOTHING
				""").bind("group", groupId).bind("now", clock.instant()).execute());
	}

	void release(String groupId) {
		jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM sync.consumer_holds WHERE group_id = :group")
				.bind("group", groupId).execute());
	}

	Set<String> held() {
		return jdbi.withHandle(handle -> Set.copyOf(
				handle.createQuery("SELECT group_id FROM sync.consumer_holds").mapTo(String.class).list()));
	}
}
