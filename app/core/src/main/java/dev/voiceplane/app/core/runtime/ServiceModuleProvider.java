package dev.voiceplane.app.core.runtime;

/**
 * Lets the local run find every service on its classpath through {@link java.util.ServiceLoader}:
 * each service module lists its provider in
 * {@code META-INF/services/dev.voiceplane.app.core.runtime.ServiceModuleProvider}.
 */
public interface ServiceModuleProvider {

    /** The catalog name of the service. */
    String serviceName();

    ServiceModule create();
}
