package io.drydock.platform.config;

import io.drydock.platform.events.ServiceIdentity;
import io.drydock.platform.messaging.MessagingProperties;
import io.drydock.platform.outbox.OutboxProperties;
import io.drydock.platform.schema.SchemaVersionCheck;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.annotation.EnableTransactionManagement;

import java.net.InetAddress;
import java.time.Clock;

/** What every Drydock service runs on: the catalog, outbox and relay, messaging policy, schema check, events log. */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.drydock.platform")
@EnableConfigurationProperties({MessagingProperties.class, OutboxProperties.class, SchemaVersionCheck.Properties.class})
@EnableScheduling
@EnableTransactionManagement
public class PlatformConfig {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    public ServiceIdentity serviceIdentity(@Value("${drydock.service-name:drydock}") String serviceName,
                                           @Value("${drydock.host-id:}") String hostId) {
        if (hostId.isBlank()) {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "localhost";
            }
            hostId = host + "-" + ProcessHandle.current().pid();
        }
        return new ServiceIdentity(serviceName, hostId);
    }
}
