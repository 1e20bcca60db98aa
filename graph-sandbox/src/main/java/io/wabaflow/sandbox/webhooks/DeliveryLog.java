package io.wabaflow.sandbox.webhooks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;

/** Every delivery made (the last {@code sandbox.webhooks.keep}), in creation order. */
@Component
public class DeliveryLog implements Resettable {

	private final int keep;
	private final Deque<Delivery> deliveries = new ArrayDeque<>();

	DeliveryLog(SandboxProperties properties) {
		this.keep = properties.webhooks().keep();
	}

	@Override
	public synchronized void reset() {
		deliveries.clear();
	}

	synchronized void add(Delivery delivery) {
		deliveries.addLast(delivery);
		while (deliveries.size() > keep) {
			deliveries.removeFirst();
		}
	}

	public List<DeliveryView> list(Predicate<DeliveryView> filter) {
		List<Delivery> snapshot;
		synchronized (this) {
			snapshot = List.copyOf(deliveries);
		}
		return snapshot.stream().map(Delivery::view).filter(filter).toList();
	}

	public synchronized Optional<DeliveryView> find(String id) {
		return deliveries.stream().filter(d -> d.id.equals(id)).findFirst().map(Delivery::view);
	}
}
