package org.civicflow.application;

import java.util.Arrays;

/** The 房山 call's eligibility rules (SPEC §3) with the Chinese wording notices use. */
public enum FangshanRule {
    FS_01("FS-01", "申报须在申报截止时间前提交（征集指南 六）"),
    FS_02("FS-02", "申报单位须在民政部门依法登记，具有独立法人资格，年检合格（征集指南 二.1）"),
    FS_03("FS-03", "近2年内无行政处罚，且未因涉嫌违法违规正在接受调查（征集指南 二.2）"),
    FS_04("FS-04", "项目负责人须持有社会工作职业水平证书（征集指南 二.3）"),
    FS_05("FS-05", "执行团队应以持有社会工作职业水平证书的人员为主体（征集指南 二.3）"),
    FS_06("FS-06", "近一年承接的政府购买社会服务项目结项评审合格（征集指南 二.4）"),
    FS_07("FS-07", "单一社会组织本轮申报不超过规定数量；联合申报须经民政局同意（征集指南 三.5）"),
    FS_08("FS-08", "项目预算不得有提高工作人员待遇和改善自身办公条件的支出（征集指南 三.4）"),
    FS_09("FS-09", "已由区级财政或部门预算支持的项目不再扶持（征集指南 三.2、三.3）"),
    FS_10("FS-10", "申报须对应项目指引，写明服务对象和最低受益人数（征集指南 三.6）"),
    FS_11("FS-11", "立项项目须在项目完成时间前完成，按项目评估指标结项（征集指南 七）");

    private final String id;
    private final String text;

    FangshanRule(String id, String text) {
        this.id = id;
        this.text = text;
    }

    public String id() {
        return id;
    }

    public String text() {
        return text;
    }

    public static FangshanRule byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown rule " + id));
    }
}
