package io.wabaflow.sender.send;

import java.time.Clock;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.Settlement.Expect;

/**
 * {@code wabaflow.commands.send.v1.dlt}: commands (or their retry records) whose processing kept failing
 * and that the platform dead-lettered. A command must not vanish silently: one that never got a row is
 * recorded FAILED (reason DEAD_LETTERED) and announced; one waiting PENDING is settled FAILED. One that is
 * INTENDED is left to the in-doubt rule (its call may have happened), a settled one to its outcome.
 * Undecodable dead letters are only logged: there is no command id to answer.
 */
@Component
class DeadLetterListener {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

	private final SendStore store;

	private final Settlements settlements;

	private final InFlight inFlight;

	private final Events events;

	private final Clock clock;

	DeadLetterListener(SendStore store, Settlements settlements, InFlight inFlight, Events events, Clock clock) {
		this.store = store;
		this.settlements = settlements;
		this.inFlight = inFlight;
		this.events = events;
		this.clock = clock;
	}

	@KafkaListener(id = "sender-dead-letters", groupId = ConsumerGroups.SENDER + "-dlt",
			topics = "#{T(io.wabaflow.schemas.Topics).SEND_COMMANDS.deadLetterTopic()}")
	void on(ConsumerRecord<String, SpecificRecord> record) {
		if (!(record.value() instanceof SendMessage command)) {
			log.warn("Dead letter {}@{} is not a SendMessage: nothing to settle", record.partition(), record.offset());
			return;
		}
		Optional<Send> row = store.find(command.getCommandId());
		if (row.isEmpty()) {
			Send failed = new Send(command.getCommandId(), command.getTenantId(), command.getPhoneNumberId(),
					command.getTo(), command.getType().name(), command.getContentJson(), command.getReplyTo(),
					command.getSender().name(), command.getBizOpaqueCallbackData(), command.getIssuedAt(),
					record.partition(), SendState.FAILED, 0, null, null, null, null, null, null,
					"Dead-lettered", "The command could not be processed and was dead-lettered", "DEAD_LETTERED",
					null, clock.instant(), clock.instant(), null);
			store.insertNew(java.util.List.of(failed), clock.instant())
					.forEach(inserted -> settlements.announce(inserted, null).join());
			return;
		}
		Send current = row.get();
		if (current.state() == SendState.PENDING) {
			Work work = new Work(current, current.attempt());
			if (inFlight.admit(work)) {
				settlements.settle(work, current.attempt(), new Verdict.Failed(current.errorCode(), "Dead-lettered",
						"Its processing kept failing and it was dead-lettered", "DEAD_LETTERED"), Expect.PENDING);
			}
		}
		else if (current.state().settled()) {
			events.publishResult(current).join();
		}
	}
}
