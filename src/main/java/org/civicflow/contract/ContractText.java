package org.civicflow.contract;

/** Texts put into process variables for forms: Camunda keeps a string variable in at most 4000 characters. */
final class ContractText {

    static final int MAX = 4000;

    private ContractText() {
    }

    static String fit(String text) {
        if (text == null || text.length() <= MAX) {
            return text;
        }
        String more = "\n……（其余内容见组织登记库）";
        return text.substring(0, MAX - more.length()) + more;
    }
}
