package io.ssobroker.platform.config;

import java.time.Duration;

/**
 * How a service asks the others over the event bus.
 *
 * @param requestTimeout how long a request waits for its answer
 * @param fleet whether the event bus spans a fleet of processes, where a lookup is tried on the next replica
 */
public record EventBusSettings(Duration requestTimeout, boolean fleet) {}
