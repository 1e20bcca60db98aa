package io.wabaflow.sync.intake;

import java.util.Locale;

import io.wabaflow.schemas.media.MediaEvent;
import io.wabaflow.sync.media.MediaFact;

/** Reads the sender's {@code MediaEvent}s: a media item stored in the media store, or failed with a reason. */
final class MediaEventReader {

	void read(MediaEvent event, ProjectionBatch batch) {
		batch.media.add(new MediaFact(event.getPhoneNumberId(), event.getMediaId(),
				event.getState().name().toLowerCase(Locale.ROOT), event.getMimeType(), event.getSha256(), event.getSize(),
				event.getReason(), event.getDetail(), event.getOccurredAt().toEpochMilli(), event.getEventId()));
	}
}
