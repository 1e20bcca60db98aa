package io.wabaflow.sync.intake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.wabaflow.sync.calls.CallEventFact;
import io.wabaflow.sync.contacts.AddressBookFact;
import io.wabaflow.sync.contacts.ProfileFact;
import io.wabaflow.sync.events.WebhookEventFact;
import io.wabaflow.sync.history.ChunkFact;
import io.wabaflow.sync.history.HistoryErrorFact;
import io.wabaflow.sync.identity.ConversationKey;
import io.wabaflow.sync.identity.LinkFact;
import io.wabaflow.sync.media.MediaFact;
import io.wabaflow.sync.messages.EditFact;
import io.wabaflow.sync.messages.MessageFact;
import io.wabaflow.sync.messages.OutboundFact;
import io.wabaflow.sync.messages.ReactionFact;
import io.wabaflow.sync.messages.ReadMarkFact;
import io.wabaflow.sync.messages.RevokeFact;
import io.wabaflow.sync.registry.RegistrationFact;
import io.wabaflow.sync.statuses.StatusFact;

/** The facts read from one poll's records, written together in one transaction. Not thread-safe. */
final class ProjectionBatch {

	final List<ProfileFact> profiles = new ArrayList<>();

	final List<AddressBookFact> addressBook = new ArrayList<>();

	final List<MessageFact> messages = new ArrayList<>();

	final List<OutboundFact> outbound = new ArrayList<>();

	final List<ReactionFact> reactions = new ArrayList<>();

	final List<EditFact> edits = new ArrayList<>();

	final List<RevokeFact> revokes = new ArrayList<>();

	final List<ReadMarkFact> readMarks = new ArrayList<>();

	final List<StatusFact> statuses = new ArrayList<>();

	final List<ChunkFact> chunks = new ArrayList<>();

	final List<HistoryErrorFact> historyErrors = new ArrayList<>();

	final List<RegistrationFact> registrations = new ArrayList<>();

	/** Events of WhatsApp calls. */
	final List<CallEventFact> callEvents = new ArrayList<>();

	final List<MediaFact> media = new ArrayList<>();

	/** Changes of fields nobody models yet, kept raw. */
	final List<WebhookEventFact> webhookEvents = new ArrayList<>();

	/** Two names of one user seen together. */
	final List<LinkFact> links = new ArrayList<>();

	/**
	 * The identities the batch's messages named, as (number, identity): their persons' conversations are recomputed
	 * after the messages are written.
	 */
	final Set<ConversationKey> namedIdentities = new HashSet<>();

	void message(MessageFact fact) {
		messages.add(fact);
		if (fact.contactWaId() != null) {
			namedIdentities.add(new ConversationKey(fact.phoneNumberId(), fact.contactWaId()));
		}
	}

	void outbound(OutboundFact fact) {
		outbound.add(fact);
		if (fact.contactWaId() != null) {
			namedIdentities.add(new ConversationKey(fact.phoneNumberId(), fact.contactWaId()));
		}
	}

	/** Records that {@code a} and {@code b} name one user of the number (ignored unless both are known). */
	void link(String phoneNumberId, String a, String b) {
		if (a != null && b != null && !a.equals(b)) {
			links.add(new LinkFact(phoneNumberId, a, b));
		}
	}

	int size() {
		return profiles.size() + addressBook.size() + messages.size() + outbound.size() + reactions.size()
				+ edits.size() + revokes.size() + readMarks.size() + statuses.size() + chunks.size()
				+ historyErrors.size() + registrations.size() + links.size() + webhookEvents.size() + callEvents.size()
				+ media.size();
	}
}
