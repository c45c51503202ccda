package com.flash.backoffice.workflows.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSRF guard on real addresses and the system resolver ({@code localhost} from the hosts file). */
class WebhookTargetsTest {

    private final WebhookTargets guard = new WebhookTargets("");

    @Test
    void loopback_private_link_local_metadata_and_other_non_public_addresses_are_refused() {
        assertThat(List.of(
                        "http://127.0.0.1/hook",
                        "http://127.8.9.10:9000/hook",
                        "http://10.1.2.3/hook",
                        "http://172.16.0.1/hook",
                        "http://172.31.255.254/hook",
                        "http://192.168.1.1/hook",
                        "http://169.254.169.254/latest/meta-data/",
                        "http://100.64.0.1/hook",
                        "http://0.0.0.0/hook",
                        "http://224.0.0.1/hook",
                        "http://240.0.0.1/hook",
                        "http://198.18.0.1/hook",
                        "http://[::1]/hook",
                        "http://[::]/hook",
                        "http://[fe80::1]/hook",
                        "http://[fc00::1]/hook",
                        "http://[fd00:ec2::254]/latest/meta-data/",
                        "http://[::ffff:127.0.0.1]/hook",
                        "http://[ff02::1]/hook"))
                .allSatisfy(url -> assertThat(guard.problem(url))
                        .as(url)
                        .hasValueSatisfying(
                                problem -> assertThat(problem).endsWith(": webhooks go to public addresses only")));
        assertThat(guard.problem("http://169.254.169.254/"))
                .hasValue(
                        "The URL's host 169.254.169.254 is 169.254.169.254,"
                                + " a link-local address (where cloud metadata services answer): webhooks go to public addresses only");
    }

    @Test
    void a_name_is_judged_by_what_it_resolves_to_and_public_addresses_pass() {
        assertThat(guard.problem("http://localhost:8080/hook"))
                .hasValue("The URL's host localhost is 127.0.0.1, a loopback address: webhooks go to public addresses"
                        + " only");
        assertThat(guard.problem("https://8.8.8.8/hook")).isEmpty();
        assertThat(guard.problem("https://[2001:4860:4860::8888]/hook")).isEmpty();
        assertThat(guard.problem("https://172.32.0.1/hook"))
                .as("just outside 172.16.0.0/12")
                .isEmpty();
        assertThat(guard.problem("https://100.128.0.1/hook"))
                .as("just outside 100.64.0.0/10")
                .isEmpty();
        assertThat(guard.problem("https://no-such-host.invalid/hook"))
                .as("not resolvable now: its deliveries fail and are retried, and are checked again each time")
                .isEmpty();
        assertThat(guard.problem("http:///hook")).hasValue("The URL has no host");
    }

    @Test
    void hosts_on_the_operators_allow_list_are_not_checked() throws Exception {
        WebhookTargets allowing = new WebhookTargets(" 127.0.0.1 , LOCALHOST,[::1]");

        assertThat(allowing.problem("http://127.0.0.1:9/hook")).isEmpty();
        assertThat(allowing.problem("http://localhost:9/hook")).isEmpty();
        assertThat(allowing.problem("http://[::1]:9/hook")).isEmpty();
        assertThat(allowing.problem("http://10.0.0.1/hook")).isPresent();
        assertThat(WebhookTargets.forbidden(InetAddress.getByName("93.184.215.14")))
                .isEmpty();
    }
}
