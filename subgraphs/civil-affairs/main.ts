import { runDepartmentProcess } from '../../lib/server/department';
import { civilAffairs } from '.';

runDepartmentProcess(civilAffairs);
