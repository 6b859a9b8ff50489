package io.drydock.gateway;

import io.drydock.gateway.account.AuthenticationFilter;
import io.drydock.gateway.account.PasswordHashing;
import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.messaging.RequiredTopics;
import io.drydock.schemas.events.Topics;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.beans.factory.annotation.Value;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

import java.util.List;

/** api-gateway: the Anchore-compatible v1 REST API. */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.drydock.gateway")
public class GatewayConfig {

    /**
     * Archive uploads are image-sized: they go straight to disk (no in-memory threshold) and may be as large as the
     * largest image accepted.
     */
    @Bean
    MultipartConfigElement multipartConfig(@Value("${drydock.archive.max-compressed-bytes:10737418240}") long maxBytes) {
        // The request carries the archive and a little multipart framing.
        return new MultipartConfigElement(System.getProperty("java.io.tmpdir"), maxBytes + 1024 * 1024,
                maxBytes + 2 * 1024 * 1024, 0);
    }

    @Bean
    RequiredTopics gatewayTopics() {
        return new RequiredTopics("api-gateway", List.of(Topics.IMAGE_ADDED));
    }

    /** Anchore tolerates trailing slashes; Spring no longer matches them, so strip them first. */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashes() {
        FilterRegistrationBean<UrlHandlerFilter> registration =
                new FilterRegistrationBean<>(UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * A registry name in a path ({@code /registries/{registry}}) may hold {@code /}, sent as {@code %2F}; Tomcat rejects
     * encoded slashes unless told to pass them through to Spring, which matches them inside one path segment.
     */
    @Bean
    TomcatConnectorCustomizer gatewayEncodedSlashes() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    @Bean
    FilterRegistrationBean<AuthenticationFilter> authentication(AccountRepository accounts, PasswordHashing passwords) {
        FilterRegistrationBean<AuthenticationFilter> registration =
                new FilterRegistrationBean<>(new AuthenticationFilter(accounts, passwords));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
