package dev.sigil.fleet.service;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Registers {@link PrometheusHygiene} with Micronaut's meter registry, so /prometheus passes promtool. */
@Factory
final class MetricsNaming {

    @Bean
    @Singleton
    MeterFilter prometheusHygiene() {
        return new PrometheusHygiene();
    }
}
