/**
 * The answering bodies (departments) the Written Questions API knows, current and defunct, as its
 * answeringBodyId and answeringBodyName give them.
 */
export interface AnsweringBody {
  id: number;
  name: string;
}

export const ANSWERING_BODIES: readonly AnsweringBody[] = [
  { id: 1, name: "Home Office" },
  { id: 2, name: "Scotland Office" },
  { id: 7, name: "Ministry of Housing, Communities and Local Government" },
  { id: 9, name: "Church Commissioners" },
  { id: 10, name: "Department for Digital, Culture, Media and Sport" },
  { id: 11, name: "Ministry of Defence" },
  { id: 13, name: "Department for Environment, Food and Rural Affairs" },
  { id: 14, name: "Treasury" },
  { id: 17, name: "Department of Health and Social Care" },
  { id: 18, name: "House of Commons Commission" },
  { id: 21, name: "Northern Ireland Office" },
  { id: 23, name: "Prime Minister" },
  { id: 24, name: "Public Accounts Commission" },
  { id: 27, name: "Department for Transport" },
  { id: 28, name: "Wales Office" },
  { id: 29, name: "Department for Work and Pensions" },
  { id: 31, name: "Women and Equalities" },
  { id: 34, name: "Leader of the House" },
  { id: 36, name: "Speaker's Committee on the Electoral Commission" },
  { id: 53, name: "Cabinet Office" },
  { id: 54, name: "Ministry of Justice" },
  { id: 57, name: "Minister without Portfolio" },
  { id: 60, name: "Department for Education" },
  { id: 88, name: "Attorney General" },
  { id: 90, name: "Speaker's Committee for the Independent Parliamentary Standards Authority" },
  { id: 91, name: "Members Estimate Committee" },
  { id: 92, name: "Leader of the House of Lords" },
  { id: 200, name: "Chairman of Committees (HL)" },
  { id: 201, name: "Department for Business, Energy and Industrial Strategy" },
  { id: 202, name: "Department for International Trade" },
  { id: 204, name: "The Senior Deputy Speaker" },
  { id: 206, name: "Lord Speaker" },
  { id: 207, name: "Parliamentary Works Sponsor Body" },
  { id: 208, name: "Foreign, Commonwealth and Development Office" },
  { id: 211, name: "Department for Levelling Up, Housing and Communities" },
  { id: 213, name: "Restoration and Renewal Client Board" },
  { id: 214, name: "Department for Business and Trade" },
  { id: 215, name: "Department for Energy Security and Net Zero" },
  { id: 216, name: "Department for Science, Innovation and Technology" },
  { id: 217, name: "Department for Culture, Media and Sport" },
];
