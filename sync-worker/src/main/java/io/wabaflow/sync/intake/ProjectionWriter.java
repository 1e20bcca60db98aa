package io.wabaflow.sync.intake;

import java.util.regex.Pattern;

import org.jdbi.v3.core.Jdbi;

import io.wabaflow.sync.calls.CallEventWriter;
import io.wabaflow.sync.contacts.ContactWriter;
import io.wabaflow.sync.conversations.ConversationRecompute;
import io.wabaflow.sync.events.WebhookEventWriter;
import io.wabaflow.sync.history.HistoryWriter;
import io.wabaflow.sync.identity.Persons;
import io.wabaflow.sync.media.MediaWriter;
import io.wabaflow.sync.messages.MessageWriter;
import io.wabaflow.sync.registry.RegistrationWriter;
import io.wabaflow.sync.statuses.StatusWriter;

/**
 * Writes one batch of facts into one generation's tables, in one transaction: a handful of multi-row
 * statements, whatever the number of records. The generation's schema is put first on the search path
 * for the transaction only ({@code SET LOCAL}), so the SQL names tables without a schema.
 */
final class ProjectionWriter {

	private static final Pattern GENERATION_SCHEMA = Pattern.compile("sync_g[0-9]+");

	private final Jdbi jdbi;

	private final RegistrationWriter registrations = new RegistrationWriter();

	private final ContactWriter contacts = new ContactWriter();

	private final MessageWriter messages = new MessageWriter();

	private final StatusWriter statuses = new StatusWriter();

	private final HistoryWriter history = new HistoryWriter();

	private final WebhookEventWriter webhookEvents = new WebhookEventWriter();

	private final CallEventWriter calls = new CallEventWriter();

	private final MediaWriter media = new MediaWriter();

	private final Persons persons = new Persons();

	private final ConversationRecompute conversations = new ConversationRecompute();

	ProjectionWriter(Jdbi jdbi) {
		this.jdbi = jdbi;
	}

	void write(String schema, ProjectionBatch batch) {
		if (!GENERATION_SCHEMA.matcher(schema).matches()) {
			throw new IllegalArgumentException("Not a generation schema: " + schema);
		}
		if (batch.size() == 0) {
			return;
		}
		jdbi.useTransaction(handle -> {
			handle.execute("SET LOCAL search_path TO " + schema);
			registrations.write(handle, batch.registrations);
			contacts.write(handle, batch.profiles, batch.addressBook);
			messages.writeWebhookMessages(handle, batch.messages);
			messages.writeOutbound(handle, batch.outbound);
			messages.writeReactions(handle, batch.reactions);
			messages.writeEdits(handle, batch.edits);
			messages.writeRevokes(handle, batch.revokes);
			messages.writeReadMarks(handle, batch.readMarks);
			statuses.write(handle, batch.statuses);
			history.write(handle, batch.chunks, batch.historyErrors);
			webhookEvents.write(handle, batch.webhookEvents);
			calls.write(handle, batch.callEvents);
			media.write(handle, batch.media);
			Persons.Resolution who = persons.resolve(handle, batch.namedIdentities, batch.links);
			conversations.recompute(handle, batch.namedIdentities, who, batch.readMarks);
		});
	}
}
