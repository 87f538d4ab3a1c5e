package org.civicflow.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.civicflow.documents.DocumentService;
import org.civicflow.documents.ProcessRef;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/** The contract's archived notices (SPEC §5): deductions, sanctions, the agreement, overdue reports, acceptance, payment. */
@Component
class ContractNotices {

    private final ContractService contracts;
    private final DocumentService documents;

    ContractNotices(ContractService contracts, DocumentService documents) {
        this.contracts = contracts;
        this.documents = documents;
    }

    String penalty(DelegateExecution execution, ServiceContract contract, ContractPenalty penalty) {
        Map<String, Object> model = model(contract);
        model.put("penalty", penalty);
        model.put("deadline", ShanghaiTime.chineseDeadline(contract.getTeamFormationDeadline()));
        String title = switch (penalty.getKind()) {
            case DEDUCTION -> "评估扣分通知书";
            case REDUCTION -> "扣减合同金额决定书";
            case TERMINATION -> "解除合同决定书";
        };
        String id = documents.archive(penalty.getKind().name() + "_NOTICE", "penalty-notice", title,
                ProcessRef.of(execution), model);
        contracts.documented(penalty, id);
        return id;
    }

    String agreement(DelegateExecution execution, ServiceContract contract) {
        Map<String, Object> model = model(contract);
        List<ServiceItem> menu = contracts.serviceItems(contract.getPolicyCode());
        List<String> chosen = List.of(contract.getServiceItems().split(","));
        model.put("items", menu.stream().filter(i -> chosen.contains(i.getCode())).toList());
        model.put("periods", contracts.periods(contract.getContractNumber()).size());
        return documents.archive("SERVICE_AGREEMENT", "service-agreement", "服务委托书", ProcessRef.of(execution), model);
    }

    String overdueReport(DelegateExecution execution, ServiceContract contract, QuarterlyReport report) {
        Map<String, Object> model = model(contract);
        model.put("report", report);
        model.put("period", periodText(report));
        model.put("due", ShanghaiTime.chineseDeadline(report.getDueAt()));
        return documents.archive("OVERDUE_REPORT_NOTICE", "overdue-report-notice", "季度报告逾期督办通知",
                ProcessRef.of(execution), model);
    }

    String acceptance(DelegateExecution execution, ServiceContract contract, List<String> summary) {
        Map<String, Object> model = model(contract);
        model.put("summary", summary);
        model.put("assessments", contracts.assessments(contract.getContractNumber()));
        model.put("reports", contracts.reports(contract.getContractNumber()));
        return documents.archive("ACCEPTANCE_REPORT", "acceptance-report", "结项评估报告", ProcessRef.of(execution), model);
    }

    String payment(DelegateExecution execution, ServiceContract contract, PaymentFormula.Payment payment) {
        Map<String, Object> model = model(contract);
        // the formula's record is package-private: templates see a map
        model.put("payment", Map.of("base", payment.base(), "effectiveScore", payment.effectiveScore(),
                "scoreFactor", payment.scoreFactor(), "completionFactor", payment.completionFactor(),
                "amount", payment.amount()));
        model.put("penalties", contracts.penalties(contract.getContractNumber()));
        return documents.archive("PAYMENT_ORDER", "payment-order", "项目资金拨付通知单", ProcessRef.of(execution), model);
    }

    static String periodText(QuarterlyReport report) {
        return ShanghaiTime.chineseDate(report.getPeriodStart()) + "至" + ShanghaiTime.chineseDate(report.getPeriodEnd());
    }

    private Map<String, Object> model(ServiceContract contract) {
        Map<String, Object> model = new HashMap<>();
        model.put("contract", contract);
        model.put("organizationName", contracts.organizationName(contract));
        model.put("district", contracts.policy(contract).getDistrict());
        model.put("serviceStart", ShanghaiTime.chineseDate(contract.getServiceStart()));
        model.put("serviceEnd", ShanghaiTime.chineseDate(contract.getServiceEnd()));
        return model;
    }
}
