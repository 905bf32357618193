/** What normalised values look like, shared by several canonical tables (the recogniser tests a sample of rows against them). */

/** English LA, county, metropolitan county, region and country codes (ONS GSS). */
export const ENGLISH_AREA_CODE = /^E(06|07|08|09|10|11|12|13|92)\d{6}$/;
/** Any GSS code (Wales W, Scotland S, NI N, E&W K, NHS areas E38/E54...), for recognition. */
export const ANY_GSS_CODE = /^[EWSNK]\d{8}$/;
export const AGE_BAND = /^(\d{1,2}-\d{1,2}|\d{1,2}\+|All ages)$/;
export const SEX = /^(Persons|Male|Female)$/;
/** A year "2021", a financial year "2019/20" or a pooled span "2019-21". */
export const PERIOD = /^(\d{4}|\d{4}\/\d{2}|\d{4}-\d{2})$/;
export const SUBSTANCE_GROUP =
  /^(opiate|non_opiate_only|non_opiate_and_alcohol|alcohol_only|all|alcohol_all)$/;
export const DEATHS_MEASURE = /^(drug_poisoning|drug_misuse)$/;
export const PREVALENCE_MEASURE = /^(ocu|opiate|crack|alcohol_dependence)$/;
export const AREA_TYPE = /^(England|Region|UTLA|LTLA)$/;
