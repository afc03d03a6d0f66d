package nl.iwa.hub.connectors.inbox;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** For ops (GET under /api/ops: ops and privacy officer): the webhook subscriptions and where each stands. */
@RestController
public class WebhookOpsController {

    private final WebhookDispatcher dispatcher;

    public WebhookOpsController(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @GetMapping("/api/ops/connectors/webhooks")
    public List<WebhookStatus> webhooks() {
        return dispatcher.statuses();
    }
}
