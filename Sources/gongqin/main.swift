import GongQinCLI

GongQinMain.main()
