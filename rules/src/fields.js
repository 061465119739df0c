/**
 * Phone numbers and field lengths: one declaration that the server's input validators, the console's form rules
 * and its inputs' `maxlength` all read. Lengths count characters (a Chinese character is one).
 */

/** A mobile number, or a landline with its area code (and an optional extension). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
export const PHONE_MESSAGE = "联系电话格式不正确，请填写手机号或带区号的固定电话";

const limit = (max, label, unit = "个字") => Object.freeze({ max, message: `${label}不能超过${max}${unit}` });

export const LIMITS = Object.freeze({
  institutionName: limit(128, "机构名称"),
  licenseNo: limit(64, "执业许可证登记号", "位"),
  address: limit(255, "地址"),
  legalRepresentative: limit(64, "法定代表人"),
  contactPerson: limit(64, "联系人"),
  phone: limit(20, "联系电话", "位"),
  departmentName: limit(64, "科室名称"),
  physicianName: limit(64, "姓名"),
  certificateNo: limit(32, "证书编码", "位"),
  practiceSiteName: limit(128, "机构名称"),
  transferOutNote: limit(200, "补充说明"),
  aaApplicationNote: limit(2000, "申请说明"),
});
