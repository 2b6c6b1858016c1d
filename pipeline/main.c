/* Placeholder until the command line lands. */
int main(void)
{
  return 1;
}
