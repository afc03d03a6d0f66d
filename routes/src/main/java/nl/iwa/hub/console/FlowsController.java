package nl.iwa.hub.console;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import nl.iwa.hub.privacy.PolicyMatrix;
import nl.iwa.hub.web.PrivacyOfficerController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The policy matrix as the privacy officer reads it: sender kinds down, receiver kinds across, the purposes
 * allowed in each cell, and every policy's basis, citation, fields and data categories below; then the flows not
 * passed on per day and reason over the last 30 days. Read through the API's controller, so the viewing is audited
 * the same way.
 */
@Controller
class FlowsController {

    /** The period of the chart of flows not passed on. */
    static final int CHART_DAYS = 30;

    private final PrivacyOfficerController privacy;

    FlowsController(PrivacyOfficerController privacy) {
        this.privacy = privacy;
    }

    /** One sender kind's row of the grid: per receiver kind (in {@code receivers}' order) the policies between them. */
    record SenderRow(String sender, List<List<PolicyMatrix.Row>> cells) {
    }

    @GetMapping("/console/flows")
    String flows(Principal who, Model model) {
        List<PolicyMatrix.Row> rows = privacy.policyMatrix(who);
        List<String> senders = new ArrayList<>(new TreeSet<>(rows.stream().map(PolicyMatrix.Row::from).toList()));
        List<String> receivers = new ArrayList<>(new TreeSet<>(rows.stream().map(PolicyMatrix.Row::to).toList()));
        List<SenderRow> grid = senders.stream().map(s -> new SenderRow(s, receivers.stream()
                .map(r -> rows.stream().filter(p -> p.from().equals(s) && p.to().equals(r)).toList()).toList())).toList();
        model.addAttribute("receivers", receivers);
        model.addAttribute("grid", grid);
        model.addAttribute("policies", rows);
        model.addAttribute("blocked", BlockedChart.of(privacy.blockedDaily(CHART_DAYS, who)));
        return "console/flows";
    }
}
